<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AgentDayDialog</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Arrived</source>
        <translation>Arrived</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Talk</source>
        <translation>Talk</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="411"/>
        <source>States</source>
        <translation>States</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="412"/>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="413"/>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="26"/>
        <source>State forced</source>
        <translation>State forced</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="27"/>
        <source>Supervision</source>
        <translation>Supervision</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="28"/>
        <source>Supervision ended</source>
        <translation>Supervision ended</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="29"/>
        <source>Number blocked</source>
        <translation>Number blocked</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="30"/>
        <source>Block changed</source>
        <translation>Block changed</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="31"/>
        <source>Block lifted</source>
        <translation>Block lifted</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="32"/>
        <source>Notice published</source>
        <translation>Notice published</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="33"/>
        <source>Notice withdrawn</source>
        <translation>Notice withdrawn</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="21"/>
        <source>Every supervision act, forced state, block and notice is recorded here.</source>
        <translation>Every supervision act, forced state, block and notice is recorded here.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="25"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>By</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>BroadcastController</name>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="69"/>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="83"/>
        <source>until lifted</source>
        <translation>until lifted</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="90"/>
        <source>Give the notice a title and a text.</source>
        <translation>Give the notice a title and a text.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="97"/>
        <source>Notice published.</source>
        <translation>Notice published.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="104"/>
        <source>Notice withdrawn.</source>
        <translation>Notice withdrawn.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="113"/>
        <source>Write the message first.</source>
        <translation>Write the message first.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="118"/>
        <source>Message sent to every seat.</source>
        <translation>Message sent to every seat.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="126"/>
        <source>Enter a phone number of digits only (3–20), e.g. 13800138000.</source>
        <translation>Enter a phone number of digits only (3–20), e.g. 13800138000.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="129"/>
        <source>Say why the number is blocked.</source>
        <translation>Say why the number is blocked.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="137"/>
        <source>%1 is blocked.</source>
        <translation>%1 is blocked.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="144"/>
        <source>Block lifted.</source>
        <translation>Block lifted.</translation>
    </message>
</context>
<context>
    <name>BroadcastPane</name>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="41"/>
        <source>Emergency notice</source>
        <translation>Emergency notice</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="46"/>
        <source>The text seats see and the IVR plays first</source>
        <translation>The text seats see and the IVR plays first</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="49"/>
        <source>Every line</source>
        <translation>Every line</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="52"/>
        <source>Play in the IVR before the menu</source>
        <translation>Play in the IVR before the menu</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="54"/>
        <source>Publish notice</source>
        <translation>Publish notice</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="56"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="57"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="58"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>Line</source>
        <translation>Line</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>IVR</source>
        <translation>IVR</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>Published</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="66"/>
        <source>Withdraw selected notice</source>
        <translation>Withdraw selected notice</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="69"/>
        <source>Message to every seat</source>
        <translation>Message to every seat</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="73"/>
        <source>Send to all</source>
        <translation>Send to all</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="78"/>
        <source>Blacklist</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="86"/>
        <source>Until lifted</source>
        <translation>Until lifted</translation>
    </message>
    <message numerus="yes">
        <location filename="../../supervisor_app/broadcast/widgets.py" line="86"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="88"/>
        <source>Block number</source>
        <translation>Block number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="89"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="90"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="91"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Expires</source>
        <translation>Expires</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="98"/>
        <source>Lift selected block</source>
        <translation>Lift selected block</translation>
    </message>
</context>
<context>
    <name>LadderBar</name>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="37"/>
        <location filename="../../supervisor_app/main_window.py" line="55"/>
        <source>Supervision: off</source>
        <translation>Supervision: off</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="41"/>
        <source>Listen</source>
        <translation>Listen</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="42"/>
        <source>Whisper</source>
        <translation>Whisper</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="43"/>
        <source>Barge in</source>
        <translation>Barge in</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="44"/>
        <source>Take over</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="45"/>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="58"/>
        <source>Supervising %1: %2</source>
        <translation>Supervising %1: %2</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <location filename="../../shared/ui/login.py" line="201"/>
        <source>Enter your work number and password.</source>
        <translation>Enter your work number and password.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/login/controller.py" line="30"/>
        <source>This console is for shift leaders; sign in with the agent app.</source>
        <translation>This console is for shift leaders; sign in with the agent app.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="226"/>
        <source>Wrong work number or password.</source>
        <translation>Wrong work number or password.</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="195"/>
        <source>Cannot reach the server. Check the network cable or tell IT.</source>
        <translation>Cannot reach the server. Check the network cable or tell IT.</translation>
    </message>
</context>
<context>
    <name>LoginWidget</name>
    <message>
        <location filename="../../shared/ui/login.py" line="61"/>
        <source>Hotline Desk</source>
        <translation>Hotline Desk</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/login/widgets.py" line="19"/>
        <source>Shift leader console</source>
        <translation>Shift leader console</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="72"/>
        <source>e.g. 1001</source>
        <translation>e.g. 1001</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="76"/>
        <source>Work number</source>
        <translation>Work number</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="77"/>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="81"/>
        <location filename="../../shared/ui/login.py" line="136"/>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="132"/>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="136"/>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="74"/>
        <source>Hotline Desk — shift leader</source>
        <translation>Hotline Desk — shift leader</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="94"/>
        <source>Wall display</source>
        <translation>Wall display</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="97"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="106"/>
        <source>Seats and queues</source>
        <translation>Seats and queues</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="36"/>
        <source>Queues</source>
        <translation>Queues</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="42"/>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="43"/>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="44"/>
        <source>Longest wait</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="45"/>
        <source>Est. wait</source>
        <translation>Est. wait</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="46"/>
        <source>Service level</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="47"/>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="48"/>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="49"/>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="50"/>
        <source>Ready / in</source>
        <translation>Ready / in</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Waited</source>
        <translation>Waited</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="112"/>
        <source>Waiting calls are counted by the call router; this server does not report them yet.</source>
        <translation>Waiting calls are counted by the call router; this server does not report them yet.</translation>
    </message>
</context>
<context>
    <name>RecordingsController</name>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="75"/>
        <source>No active scoring form; an administrator sets one up.</source>
        <translation>No active scoring form; an administrator sets one up.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="101"/>
        <source>No seat with work number %1.</source>
        <translation>No seat with work number %1.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="150"/>
        <source>Recording %1 — %2</source>
        <translation>Recording %1 — %2</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="181"/>
        <source>Select a recording first.</source>
        <translation>Select a recording first.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="184"/>
        <source>No sound output is available on this computer.</source>
        <translation>No sound output is available on this computer.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="224"/>
        <source>Select a recording and make sure a scoring form exists.</source>
        <translation>Select a recording and make sure a scoring form exists.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="235"/>
        <source>Score %1 saved.</source>
        <translation>Score %1 saved.</translation>
    </message>
</context>
<context>
    <name>RecordingsPane</name>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="77"/>
        <source>Work number</source>
        <translation>Work number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="79"/>
        <source>Caller number</source>
        <translation>Caller number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="81"/>
        <source>Ticket serial</source>
        <translation>Ticket serial</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="82"/>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="85"/>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="87"/>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <location filename="../../supervisor_app/recordings/widgets.py" line="111"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="105"/>
        <source>Score statistics per agent</source>
        <translation>Score statistics per agent</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="112"/>
        <source>Evaluations</source>
        <translation>Evaluations</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="113"/>
        <source>Average</source>
        <translation>Average</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="114"/>
        <source>Lowest</source>
        <translation>Lowest</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="115"/>
        <source>Highest</source>
        <translation>Highest</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="122"/>
        <source>Select a recording</source>
        <translation>Select a recording</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="129"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="130"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="137"/>
        <source>Scoring sheet</source>
        <translation>Scoring sheet</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="141"/>
        <source>Comment for the agent</source>
        <translation>Comment for the agent</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="147"/>
        <source>Save score</source>
        <translation>Save score</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="203"/>
        <source>Total %1 / 100</source>
        <translation>Total %1 / 100</translation>
    </message>
</context>
<context>
    <name>ReportsController</name>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="112"/>
        <source>(until the start of that day, centre time)</source>
        <translation>(until the start of that day, centre time)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="125"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="126"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="127"/>
        <source>Offered</source>
        <translation>Offered</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="128"/>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="129"/>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="130"/>
        <source>Abandon rate</source>
        <translation>Abandon rate</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="131"/>
        <source>Service level</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="143"/>
        <source>Work number</source>
        <translation>Work number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="144"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="145"/>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="146"/>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="147"/>
        <source>Talk</source>
        <translation>Talk</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="148"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="149"/>
        <source>Wrap-up</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="150"/>
        <source>Not ready</source>
        <translation>Not ready</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="151"/>
        <source>Not ready by reason</source>
        <translation>Not ready by reason</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="152"/>
        <source>Transfers</source>
        <translation>Transfers</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="153"/>
        <source>Conferences joined</source>
        <translation>Conferences joined</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="154"/>
        <source>Time in conferences</source>
        <translation>Time in conferences</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Last call</source>
        <translation>Last call</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="171"/>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="172"/>
        <source>This period</source>
        <translation>This period</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="173"/>
        <source>Previous period</source>
        <translation>Previous period</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="174"/>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="192"/>
        <source>Show a report first; there is nothing to export.</source>
        <translation>Show a report first; there is nothing to export.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="203"/>
        <source>Saved %1.</source>
        <translation>Saved %1.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="210"/>
        <source>Export report</source>
        <translation>Export report</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="86"/>
        <source>Call volume per day</source>
        <translation>Call volume per day</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="87"/>
        <source>Call volume per hour</source>
        <translation>Call volume per hour</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="88"/>
        <source>Per agent</source>
        <translation>Per agent</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="89"/>
        <source>Frequent callers</source>
        <translation>Frequent callers</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="90"/>
        <source>Tickets by type</source>
        <translation>Tickets by type</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="91"/>
        <source>Tickets by category</source>
        <translation>Tickets by category</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="92"/>
        <source>Tickets by department</source>
        <translation>Tickets by department</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="97"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="98"/>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="99"/>
        <source>Last 7 days</source>
        <translation>Last 7 days</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="100"/>
        <source>Last 30 days</source>
        <translation>Last 30 days</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="104"/>
        <source>Per queue</source>
        <translation>Per queue</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="105"/>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="107"/>
        <source>Export CSV / XLSX…</source>
        <translation>Export CSV / XLSX…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="108"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="110"/>
        <source>Period</source>
        <translation>Period</translation>
    </message>
</context>
<context>
    <name>SeatStates</name>
    <message>
        <location filename="../../supervisor_app/common.py" line="60"/>
        <source>Logged out</source>
        <extracomment>Display order of states in totals and legends: busy first, as a leader scans for capacity.</extracomment>
        <translation>Logged out</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="61"/>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="62"/>
        <source>Not ready</source>
        <translation>Not ready</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="63"/>
        <source>Ringing</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="64"/>
        <source>Talking</source>
        <translation>Talking</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="65"/>
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="66"/>
        <source>Wrap-up</source>
        <translation>Wrap-up</translation>
    </message>
</context>
<context>
    <name>SeatTile</name>
    <message>
        <location filename="../../supervisor_app/seats/model.py" line="70"/>
        <source>Conference · %1 people</source>
        <extracomment>Above this many changed rows one span signal is cheaper than a signal per row.</extracomment>
        <translation>Conference · %1 people</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/model.py" line="78"/>
        <source>Holds a conference with the caller</source>
        <translation>Holds a conference with the caller</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/model.py" line="80"/>
        <source>Invited into the call of %1 (%2)</source>
        <translation>Invited into the call of %1 (%2)</translation>
    </message>
</context>
<context>
    <name>SeatsController</name>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="178"/>
        <source>Message to %1</source>
        <translation>Message to %1</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="178"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="191"/>
        <source>%1 is now %2.</source>
        <translation>%1 is now %2.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="200"/>
        <source>Message sent.</source>
        <translation>Message sent.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="209"/>
        <source>Select a talking seat first.</source>
        <translation>Select a talking seat first.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="219"/>
        <source>Agent&apos;s day: %1</source>
        <translation>Agent&apos;s day: %1</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="284"/>
        <source>Joined %1&apos;s conference</source>
        <translation>Joined %1&apos;s conference</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="286"/>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="288"/>
        <source>%1 · conference with %2</source>
        <translation>%1 · conference with %2</translation>
    </message>
</context>
<context>
    <name>SeatsPane</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="271"/>
        <source>No grouping</source>
        <translation>No grouping</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="272"/>
        <source>By team</source>
        <translation>By team</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="273"/>
        <source>By skill</source>
        <translation>By skill</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="278"/>
        <source>Work number</source>
        <translation>Work number</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="279"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="280"/>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="281"/>
        <source>Longest in state</source>
        <translation>Longest in state</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="285"/>
        <source>Filter: name, work number, team, caller</source>
        <translation>Filter: name, work number, team, caller</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="288"/>
        <source>All states</source>
        <translation>All states</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="291"/>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="293"/>
        <source>Sort</source>
        <translation>Sort</translation>
    </message>
</context>
<context>
    <name>StateTotals</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="253"/>
        <source>Seats %1 · signed in %2</source>
        <translation>Seats %1 · signed in %2</translation>
    </message>
</context>
<context>
    <name>SupervisionController</name>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="98"/>
        <source>Stop supervising the other seat first.</source>
        <translation>Stop supervising the other seat first.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="103"/>
        <source>That step is not possible now (after take-over only stop is).</source>
        <translation>That step is not possible now (after take-over only stop is).</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="118"/>
        <source>Your softphone could not join the call: %1</source>
        <translation>Your softphone could not join the call: %1</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="145"/>
        <source>Supervision audio is not available on this server yet (its call path is still being built). Nothing was started.</source>
        <translation>Supervision audio is not available on this server yet (its call path is still being built). Nothing was started.</translation>
    </message>
</context>
<context>
    <name>SupervisorApplication</name>
    <message>
        <location filename="../../supervisor_app/app.py" line="86"/>
        <source>Wallboard</source>
        <translation>Wallboard</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="87"/>
        <source>Reports</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="88"/>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="89"/>
        <source>Recordings and QA</source>
        <translation>Recordings and QA</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="90"/>
        <source>Notices and blacklist</source>
        <translation>Notices and blacklist</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="91"/>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="152"/>
        <source>Your softphone could not register (%1); supervision has no audio.</source>
        <translation>Your softphone could not register (%1); supervision has no audio.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="169"/>
        <source>Your session has ended; sign in again.</source>
        <translation>Your session has ended; sign in again.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="190"/>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="191"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="192"/>
        <source>Live updates lost; reconnecting…</source>
        <translation>Live updates lost; reconnecting…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="193"/>
        <source>Live updates refused; sign in again.</source>
        <translation>Live updates refused; sign in again.</translation>
    </message>
</context>
<context>
    <name>TicketStatuses</name>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="41"/>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="42"/>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="43"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="44"/>
        <source>Processing</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="45"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="46"/>
        <source>Visited</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="47"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>TicketTypes</name>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="48"/>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="49"/>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="50"/>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="51"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="52"/>
        <source>Praise</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="53"/>
        <source>Help request</source>
        <translation>Help request</translation>
    </message>
</context>
<context>
    <name>TicketsBoard</name>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="50"/>
        <source>All open</source>
        <translation>All open</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="51"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Red</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="52"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Yellow</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="53"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Green</source>
        <translation>Green</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="54"/>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="55"/>
        <source>Awaiting visit</source>
        <translation>Awaiting visit</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="56"/>
        <source>Extension pending</source>
        <translation>Extension pending</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="85"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="106"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="81"/>
        <source>Light</source>
        <translation>Light</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="82"/>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="83"/>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="84"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="86"/>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="87"/>
        <source>Returns</source>
        <translation>Returns</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="93"/>
        <source>Select a ticket</source>
        <translation>Select a ticket</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="101"/>
        <source>Re-dispatch</source>
        <translation>Re-dispatch</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="105"/>
        <source>Dispatch</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="107"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="138"/>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="110"/>
        <source>Extension request</source>
        <translation>Extension request</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="112"/>
        <source>None pending</source>
        <translation>None pending</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="116"/>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="117"/>
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="122"/>
        <source>Return and visit</source>
        <translation>Return and visit</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="125"/>
        <source>Send back for rework</source>
        <translation>Send back for rework</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="128"/>
        <source>Satisfied</source>
        <translation>Satisfied</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="129"/>
        <source>Unsatisfied</source>
        <translation>Unsatisfied</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="130"/>
        <source>Could not reach</source>
        <translation>Could not reach</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="134"/>
        <source>Record return visit</source>
        <translation>Record return visit</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="135"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="137"/>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
</context>
<context>
    <name>TicketsController</name>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="171"/>
        <source>%1 asks until %2: %3</source>
        <translation>%1 asks until %2: %3</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="177"/>
        <source>None pending</source>
        <translation>None pending</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="194"/>
        <source>Ticket %1 dispatched.</source>
        <translation>Ticket %1 dispatched.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="198"/>
        <source>Say why the ticket goes back for rework.</source>
        <translation>Say why the ticket goes back for rework.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="203"/>
        <source>Ticket %1 sent back for rework.</source>
        <translation>Ticket %1 sent back for rework.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="210"/>
        <source>Return visit recorded for %1.</source>
        <translation>Return visit recorded for %1.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="219"/>
        <source>Extension approved.</source>
        <translation>Extension approved.</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="219"/>
        <source>Extension refused.</source>
        <translation>Extension refused.</translation>
    </message>
</context>
<context>
    <name>WallboardController</name>
    <message>
        <location filename="../../supervisor_app/wallboard/controller.py" line="152"/>
        <source>Hotline Desk — wallboard</source>
        <translation>Hotline Desk — wallboard</translation>
    </message>
</context>
<context>
    <name>WallboardView</name>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="70"/>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="102"/>
        <source>Calls waiting</source>
        <translation>Calls waiting</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="71"/>
        <source>Service level</source>
        <translation>Service level</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="72"/>
        <source>Avg speed of answer</source>
        <translation>Avg speed of answer</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="73"/>
        <source>Avg handle time</source>
        <translation>Avg handle time</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="74"/>
        <source>Abandon rate</source>
        <translation>Abandon rate</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="75"/>
        <source>Calls today</source>
        <translation>Calls today</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="93"/>
        <source>Calls per interval vs same day last week</source>
        <translation>Calls per interval vs same day last week</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="94"/>
        <source>today</source>
        <translation>today</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="95"/>
        <source>last week</source>
        <translation>last week</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="96"/>
        <source>Agents by state</source>
        <translation>Agents by state</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="103"/>
        <source>waiting</source>
        <translation>waiting</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="104"/>
        <source>Service level %</source>
        <translation>Service level %</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="105"/>
        <source>answered in time</source>
        <translation>answered in time</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="108"/>
        <source>Speed of answer and handle time (s)</source>
        <translation>Speed of answer and handle time (s)</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="109"/>
        <source>speed of answer</source>
        <translation>speed of answer</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="110"/>
        <source>handle time</source>
        <translation>handle time</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="111"/>
        <source>Abandon rate %</source>
        <translation>Abandon rate %</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="112"/>
        <source>abandoned</source>
        <translation>abandoned</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="319"/>
        <source>Supervise</source>
        <translation>Supervise</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="322"/>
        <source>Listen</source>
        <translation>Listen</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="323"/>
        <source>Whisper</source>
        <translation>Whisper</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="324"/>
        <source>Barge in</source>
        <translation>Barge in</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="325"/>
        <source>Take over</source>
        <translation>Take over</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="328"/>
        <source>Stop supervising</source>
        <translation>Stop supervising</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="330"/>
        <source>Force ready</source>
        <translation>Force ready</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="331"/>
        <source>Force not ready</source>
        <translation>Force not ready</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="334"/>
        <source>Force logout</source>
        <translation>Force logout</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="336"/>
        <source>Send message…</source>
        <translation>Send message…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="337"/>
        <source>Agent&apos;s day…</source>
        <translation>Agent&apos;s day…</translation>
    </message>
</context>
</TS>
