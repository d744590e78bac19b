<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AgentApplication</name>
    <message>
        <location filename="../../agent_app/app.py" line="306"/>
        <source>Finish the call first</source>
        <translation>Finish the call first</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="391"/>
        <source>Message from %1: %2</source>
        <translation>Message from %1: %2</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="431"/>
        <source>Your session has expired. Finish the call, then sign in again.</source>
        <translation>Your session has expired. Finish the call, then sign in again.</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="441"/>
        <source>Your session has expired; please sign in again.</source>
        <translation>Your session has expired; please sign in again.</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="447"/>
        <source>A call is still up: hang up before closing Hotline Desk.</source>
        <translation>A call is still up: hang up before closing Hotline Desk.</translation>
    </message>
</context>
<context>
    <name>ConferencePartyRow</name>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="47"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConferenceRoomView</name>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="78"/>
        <source>ringing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="79"/>
        <source>in the conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="80"/>
        <source>could not join</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="81"/>
        <source>left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="90"/>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="97"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="115"/>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="98"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="116"/>
        <source>busy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="99"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="117"/>
        <source>declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="100"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="118"/>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="101"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="119"/>
        <source>not reachable (not signed in)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="106"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="120"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="102"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="121"/>
        <source>hung up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="103"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="122"/>
        <source>removed by the room&apos;s owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="104"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="123"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="124"/>
        <source>the call ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="105"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="125"/>
        <source>the conference is full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="135"/>
        <source>Caller %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="137"/>
        <source>%1 (you)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="158"/>
        <source>Conference · %1 talking · at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="172"/>
        <source>Hang up %1 and take them out of the conference</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GlobalHotkeys</name>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="186"/>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="358"/>
        <source>%1 cannot be used as a global hotkey.</source>
        <translation>%1 cannot be used as a global hotkey.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="192"/>
        <source>%1 is not on this keyboard.</source>
        <translation>%1 is not on this keyboard.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="197"/>
        <source>%1 switches the screen on Linux; choose another key.</source>
        <translation>%1 switches the screen on Linux; choose another key.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="201"/>
        <source>%1 is set for two actions.</source>
        <translation>%1 is set for two actions.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="218"/>
        <source>The connection to the X display was lost; restart Hotline Desk.</source>
        <translation>The connection to the X display was lost; restart Hotline Desk.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="223"/>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="370"/>
        <source>%1 is already taken by another program; it works only while Hotline Desk is in front.</source>
        <translation>%1 is already taken by another program; it works only while Hotline Desk is in front.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="315"/>
        <source>Global hotkeys are not available under Wayland; the shortcuts work while the Hotline Desk window is focused.</source>
        <translation>Global hotkeys are not available under Wayland; the shortcuts work while the Hotline Desk window is focused.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="321"/>
        <source>Global hotkeys are not available on this system; the shortcuts work while the Hotline Desk window is focused.</source>
        <translation>Global hotkeys are not available on this system; the shortcuts work while the Hotline Desk window is focused.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="332"/>
        <source>Global hotkeys are off: the X display cannot be reached (%1); the shortcuts work while the Hotline Desk window is focused.</source>
        <translation>Global hotkeys are off: the X display cannot be reached (%1); the shortcuts work while the Hotline Desk window is focused.</translation>
    </message>
</context>
<context>
    <name>KnowledgeController</name>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="75"/>
        <source>Opening the knowledge base…</source>
        <translation>Opening the knowledge base…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="93"/>
        <source>Updating the knowledge base: %1 articles</source>
        <translation>Updating the knowledge base: %1 articles</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="105"/>
        <source>Downloading the knowledge base…</source>
        <translation>Downloading the knowledge base…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="106"/>
        <source>Installing the knowledge base…</source>
        <translation>Installing the knowledge base…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="131"/>
        <source>%1 articles searchable</source>
        <translation>%1 articles searchable</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="146"/>
        <source>Knowledge base not updated (%1); %2 articles searchable.</source>
        <translation>Knowledge base not updated (%1); %2 articles searchable.</translation>
    </message>
</context>
<context>
    <name>KnowledgePane</name>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="66"/>
        <source>Knowledge base</source>
        <translation>Knowledge base</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="71"/>
        <source>Search: words, pinyin initials (gjjtq), short code…</source>
        <translation>Search: words, pinyin initials (gjjtq), short code…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="96"/>
        <source>Insert answer into ticket</source>
        <translation>Insert answer into ticket</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="121"/>
        <source>All categories</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="122"/>
        <source>All departments</source>
        <translation>All departments</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="146"/>
        <source>short code</source>
        <translation>short code</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="147"/>
        <source>pinyin</source>
        <translation>pinyin</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="148"/>
        <source>similar spelling</source>
        <translation>similar spelling</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <location filename="../../agent_app/login/controller.py" line="111"/>
        <source>Cannot reach the server. You can work offline: calls still ring, tickets wait on this PC and are sent when the server is back.</source>
        <translation>Cannot reach the server. You can work offline: calls still ring, tickets wait on this PC and are sent when the server is back.</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="118"/>
        <source>Cannot reach the server. Check the network cable or tell IT. (Working offline needs one sign-in on this PC while the server is reachable, within the last days.)</source>
        <translation>Cannot reach the server. Check the network cable or tell IT. (Working offline needs one sign-in on this PC while the server is reachable, within the last days.)</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="132"/>
        <location filename="../../shared/ui/login.py" line="201"/>
        <source>Enter your work number and password.</source>
        <translation>Enter your work number and password.</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="158"/>
        <location filename="../../shared/ui/login.py" line="226"/>
        <source>Wrong work number or password.</source>
        <translation>Wrong work number or password.</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="163"/>
        <source>Working offline has expired on this PC: sign in once while the server is reachable.</source>
        <translation>Working offline has expired on this PC: sign in once while the server is reachable.</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="170"/>
        <source>This work number has not signed in on this PC while the server was reachable, so it cannot work offline.</source>
        <translation>This work number has not signed in on this PC while the server was reachable, so it cannot work offline.</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="211"/>
        <source>The server no longer accepts your password; please sign in again.</source>
        <translation>The server no longer accepts your password; please sign in again.</translation>
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
        <location filename="../../agent_app/login/widgets.py" line="22"/>
        <source>Work offline</source>
        <translation>Work offline</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/widgets.py" line="32"/>
        <source>Call-taker sign-in</source>
        <translation>Call-taker sign-in</translation>
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
        <location filename="../../agent_app/main_window.py" line="59"/>
        <source>Hotline Desk — call-taker</source>
        <translation>Hotline Desk — call-taker</translation>
    </message>
    <message>
        <location filename="../../agent_app/main_window.py" line="89"/>
        <source>Current call</source>
        <translation>Current call</translation>
    </message>
    <message>
        <location filename="../../agent_app/main_window.py" line="91"/>
        <source>My work</source>
        <translation>My work</translation>
    </message>
    <message>
        <location filename="../../agent_app/main_window.py" line="94"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../agent_app/offline/widgets.py" line="22"/>
        <source>The server cannot be reached. Calls still work; %1 ticket(s) are kept on this PC and will be sent automatically when it is back.</source>
        <translation>The server cannot be reached. Calls still work; %1 ticket(s) are kept on this PC and will be sent automatically when it is back.</translation>
    </message>
    <message>
        <location filename="../../agent_app/offline/widgets.py" line="29"/>
        <source>%1 saved ticket(s) were refused by the server and are kept on this PC; tell your shift leader.</source>
        <translation>%1 saved ticket(s) were refused by the server and are kept on this PC; tell your shift leader.</translation>
    </message>
    <message>
        <location filename="../../agent_app/offline/widgets.py" line="36"/>
        <source>Sending %1 ticket(s) saved while offline…</source>
        <translation>Sending %1 ticket(s) saved while offline…</translation>
    </message>
</context>
<context>
    <name>ScreenPopController</name>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="180"/>
        <source>Queue: %1</source>
        <translation>Queue: %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="182"/>
        <source>IVR: %1</source>
        <translation>IVR: %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="184"/>
        <source>Digits: %1</source>
        <translation>Digits: %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="211"/>
        <source>The server cannot be reached: no caller history now. The call itself works; the ticket will be sent later.</source>
        <translation>The server cannot be reached: no caller history now. The call itself works; the ticket will be sent later.</translation>
    </message>
</context>
<context>
    <name>ScreenPopWidget</name>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="46"/>
        <source>No caller</source>
        <translation>No caller</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="66"/>
        <location filename="../../agent_app/screen_pop/widgets.py" line="203"/>
        <source>Open tickets</source>
        <translation>Open tickets</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="71"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="72"/>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="73"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="74"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="75"/>
        <source>Content</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="76"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="81"/>
        <location filename="../../agent_app/screen_pop/widgets.py" line="204"/>
        <source>Recent calls</source>
        <translation>Recent calls</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Result</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>IVR</source>
        <translation>IVR</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Agent</source>
        <translation type="unfinished">Agent</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="110"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="111"/>
        <source>Important</source>
        <translation>Important</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="112"/>
        <source>Elderly</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="113"/>
        <source>Blacklisted</source>
        <translation>Blacklisted</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="118"/>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="119"/>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="120"/>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="121"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="122"/>
        <source>Praise</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="123"/>
        <source>Help request</source>
        <translation>Help request</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="128"/>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="129"/>
        <source>Dispatched</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="130"/>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="131"/>
        <source>Processing</source>
        <translation>Processing</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="132"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="133"/>
        <source>Visited</source>
        <translation>Visited</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="134"/>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="141"/>
        <source>Answered</source>
        <translation>Answered</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="142"/>
        <source>Abandoned</source>
        <translation>Abandoned</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="143"/>
        <source>Blocked</source>
        <translation>Blocked</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="144"/>
        <source>Voicemail</source>
        <translation>Voicemail</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="145"/>
        <source>Overflow</source>
        <translation>Overflow</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="146"/>
        <source>Transferred</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="151"/>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="152"/>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="153"/>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="164"/>
        <source>, </source>
        <comment>between names in a list</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="170"/>
        <source>%1 and %2 more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="171"/>
        <source>%1 + %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="174"/>
        <source>%1 (took the call)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="176"/>
        <source>%1 (joined the conference)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="186"/>
        <source>Main menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="194"/>
        <source>Looking up…</source>
        <translation>Looking up…</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="209"/>
        <source>(no name)</source>
        <translation>(no name)</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="209"/>
        <source>First-time caller</source>
        <translation>First-time caller</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="223"/>
        <source>This number is on the blacklist.</source>
        <translation>This number is on the blacklist.</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="227"/>
        <source>First call from this number: fill in the caller&apos;s details in the ticket form; they are saved with the ticket.</source>
        <translation>First call from this number: fill in the caller&apos;s details in the ticket form; they are saved with the ticket.</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="242"/>
        <source>Open tickets (%1)</source>
        <translation>Open tickets (%1)</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="236"/>
        <source>Recent calls (%1 in all)</source>
        <translation>Recent calls (%1 in all)</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="99"/>
        <source>this start&apos;s command line</source>
        <translation>this start&apos;s command line</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="100"/>
        <source>your own setting</source>
        <translation>your own setting</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="101"/>
        <source>built-in default</source>
        <translation>built-in default</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="103"/>
        <source>From: %1</source>
        <translation>From: %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="134"/>
        <source>The server address must start with http:// or https://</source>
        <translation>The server address must start with http:// or https://</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="162"/>
        <source>Settings saved.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="165"/>
        <source>The new language applies fully after the next start.</source>
        <translation>The new language applies fully after the next start.</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="167"/>
        <source>The new server is used from the next sign-in after a restart.</source>
        <translation>The new server is used from the next sign-in after a restart.</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="181"/>
        <source>The call hotkeys and headset buttons work while other programs are in front.</source>
        <translation>The call hotkeys and headset buttons work while other programs are in front.</translation>
    </message>
</context>
<context>
    <name>SettingsWidget</name>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="36"/>
        <source>Audio devices</source>
        <translation>Audio devices</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="41"/>
        <source>Microphone</source>
        <translation>Microphone</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="42"/>
        <source>Speaker (headset)</source>
        <translation>Speaker (headset)</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="43"/>
        <source>Ring device</source>
        <translation>Ring device</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="48"/>
        <source>%v dBFS</source>
        <translation>%v dBFS</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="49"/>
        <source>Test microphone</source>
        <translation>Test microphone</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="53"/>
        <source>Level</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="55"/>
        <source>Play test tone</source>
        <translation>Play test tone</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="56"/>
        <source>Look for new devices</source>
        <translation>Look for new devices</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="62"/>
        <source>General</source>
        <translation>General</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="67"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="70"/>
        <source>Follow the system</source>
        <translation>Follow the system</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="73"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="77"/>
        <source>Font size</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="79"/>
        <source>Hotkeys</source>
        <translation>Hotkeys</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="83"/>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="84"/>
        <source>Hang up</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="85"/>
        <source>Hold / resume</source>
        <translation>Hold / resume</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="86"/>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="87"/>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="94"/>
        <source>Also when another program is in front</source>
        <translation>Also when another program is in front</translation>
    </message>
    <message>
        <source>Also when another program is in front (Windows)</source>
        <translation type="vanished">Also when another program is in front (Windows)</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="106"/>
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="117"/>
        <source>System default</source>
        <translation>System default</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="128"/>
        <source>%1 (not connected)</source>
        <translation>%1 (not connected)</translation>
    </message>
</context>
<context>
    <name>SoftphoneController</name>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="161"/>
        <source>%1 invites you into a conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="169"/>
        <source>Complete transfer</source>
        <translation>Complete transfer</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="171"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="266"/>
        <source>The transfer failed: %1</source>
        <translation>The transfer failed: %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="319"/>
        <source>Enter a number to call.</source>
        <translation>Enter a number to call.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="341"/>
        <source>Nothing to redial yet.</source>
        <translation>Nothing to redial yet.</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="384"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="389"/>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="394"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="435"/>
        <source>Others are in the conference: remove them before transferring the caller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="582"/>
        <source>The conference is full (at most %1 parties): remove someone first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="586"/>
        <source>The conference is full: remove someone first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="589"/>
        <source>%1 is already in the conference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="591"/>
        <source>%1 cannot be reached now (signed out or on another call).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="596"/>
        <source>The server cannot hold a conference now (its call path is off). Call the colleague on a second line and use Conference for a three-way call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="600"/>
        <source>The server has no call of yours to add anyone to; the call may have ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="602"/>
        <source>There is no conference on this call any more.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="604"/>
        <source>There is no colleague with work number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="606"/>
        <source>%1 is neither a department nor a number that can be dialled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="610"/>
        <source>A transfer of this call is under way: finish or cancel it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="612"/>
        <source>The server cannot add anyone to this call right now; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="614"/>
        <source>Only the colleague who holds the call can remove parties.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="616"/>
        <source>The caller and the colleague holding the call cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="618"/>
        <source>That party has already left the conference.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="621"/>
        <source>This server cannot hold conferences yet (it needs an update). Call the colleague on a second line and use Conference for a three-way call.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SoftphonePanel</name>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="208"/>
        <location filename="../../agent_app/softphone/widgets.py" line="344"/>
        <source>Incoming call</source>
        <translation>Incoming call</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="216"/>
        <source>Answer</source>
        <translation>Answer</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="218"/>
        <source>Reject</source>
        <translation>Reject</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="232"/>
        <location filename="../../agent_app/softphone/widgets.py" line="421"/>
        <source>No call</source>
        <translation>No call</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="235"/>
        <source>Call quality</source>
        <translation>Call quality</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="247"/>
        <source>Hang up</source>
        <translation>Hang up</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="249"/>
        <source>Hold</source>
        <translation>Hold</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="250"/>
        <source>Mute</source>
        <translation>Mute</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="251"/>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="252"/>
        <location filename="../../agent_app/softphone/widgets.py" line="368"/>
        <source>Conference</source>
        <translation>Conference</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="253"/>
        <source>Keypad</source>
        <translation>Keypad</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="285"/>
        <source>Number to call</source>
        <translation>Number to call</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="286"/>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="287"/>
        <source>Redial</source>
        <translation>Redial</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="293"/>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="328"/>
        <source>ringing</source>
        <translation>ringing</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="329"/>
        <source>dialling</source>
        <translation>dialling</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="330"/>
        <source>talking</source>
        <translation>talking</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="331"/>
        <source>on hold</source>
        <translation>on hold</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="332"/>
        <source>ended</source>
        <translation>ended</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="336"/>
        <source> · conference (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="338"/>
        <source> · conference</source>
        <translation> · conference</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="344"/>
        <source>Call waiting</source>
        <translation>Call waiting</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="368"/>
        <source>Add party</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="370"/>
        <source>Invite a colleague, a department or a number into this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="372"/>
        <source>Join your two calls into a three-way call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="403"/>
        <source>No new calls until you are ready</source>
        <translation>No new calls until you are ready</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="405"/>
        <source>Wrap-up · %1</source>
        <translation>Wrap-up · %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="408"/>
        <source>Not ready · %1</source>
        <translation>Not ready · %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="411"/>
        <source>Not ready (%1) · %2</source>
        <translation>Not ready (%1) · %2</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="418"/>
        <source>Signed out</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="422"/>
        <source>Waiting for calls</source>
        <translation>Waiting for calls</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="436"/>
        <source>Call quality: not measured yet</source>
        <translation>Call quality: not measured yet</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="437"/>
        <source>Call quality: good</source>
        <translation>Call quality: good</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="438"/>
        <source>Call quality: fair</source>
        <translation>Call quality: fair</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="439"/>
        <source>Call quality: poor, the caller may hear gaps</source>
        <translation>Call quality: poor, the caller may hear gaps</translation>
    </message>
</context>
<context>
    <name>StateBarWidget</name>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="47"/>
        <location filename="../../agent_app/state_bar/widgets.py" line="90"/>
        <location filename="../../agent_app/state_bar/widgets.py" line="113"/>
        <source>Ready</source>
        <extracomment>the ready button pressed during wrap-up: to a call-taker &quot;finish wrap-up&quot; and &quot;ready&quot; are one act</extracomment>
        <translation>Ready</translation>
    </message>
    <message>
        <source>Finish wrap-up</source>
        <translation type="vanished">Finish wrap-up</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="74"/>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="89"/>
        <source>Signed out</source>
        <translation>Signed out</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="52"/>
        <location filename="../../agent_app/state_bar/widgets.py" line="91"/>
        <source>Not ready</source>
        <translation>Not ready</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="92"/>
        <source>Ringing</source>
        <translation>Ringing</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="93"/>
        <source>Talking</source>
        <translation>Talking</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="94"/>
        <source>On hold</source>
        <translation>On hold</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="95"/>
        <source>Wrap-up</source>
        <translation>Wrap-up</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="113"/>
        <source>Finish wrap-up · Ready</source>
        <translation>Finish wrap-up · Ready</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="135"/>
        <source>Wrap-up %1 s</source>
        <translation>Wrap-up %1 s</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="139"/>
        <source>Today: %1 calls · talk %2</source>
        <translation>Today: %1 calls · talk %2</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="148"/>
        <source>● Phone online</source>
        <translation>● Phone online</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="148"/>
        <source>● Phone offline</source>
        <translation>● Phone offline</translation>
    </message>
</context>
<context>
    <name>TicketController</name>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="151"/>
        <source>Enter the caller&apos;s number.</source>
        <translation>Enter the caller&apos;s number.</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="154"/>
        <source>Write what the caller asked or reported before saving.</source>
        <translation>Write what the caller asked or reported before saving.</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="160"/>
        <source>The text is too long (%1 characters, at most %2): shorten it before saving.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="166"/>
        <source>The caller number is too long: at most 40 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="169"/>
        <source>The deadline has passed: pick a time in the future.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="188"/>
        <source>The ticket cannot be saved: %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="255"/>
        <source>The refused ticket cannot be read back; tell your shift leader.</source>
        <translation>The refused ticket cannot be read back; tell your shift leader.</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="264"/>
        <source>Refused by the server: %1 Correct the ticket and save again.</source>
        <translation>Refused by the server: %1 Correct the ticket and save again.</translation>
    </message>
</context>
<context>
    <name>TicketFormWidget</name>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="62"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="87"/>
        <source>Template</source>
        <translation>Template</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="89"/>
        <source>Caller number</source>
        <translation>Caller number</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="93"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="113"/>
        <source>Filter categories…</source>
        <translation>Filter categories…</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="121"/>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="123"/>
        <source>Dispatch to</source>
        <translation>Dispatch to</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="125"/>
        <source>Own deadline</source>
        <translation>Own deadline</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="132"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="137"/>
        <source>Serial of an earlier ticket (optional)</source>
        <translation>Serial of an earlier ticket (optional)</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="138"/>
        <source>Same matter as</source>
        <translation>Same matter as</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="95"/>
        <source>New caller</source>
        <translation>New caller</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="99"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="101"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="106"/>
        <source>What the caller asked or reported…</source>
        <translation>What the caller asked or reported…</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="70"/>
        <source>New ticket</source>
        <translation>New ticket</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="71"/>
        <source>Save ticket</source>
        <translation>Save ticket</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="74"/>
        <source>Save the ticket (Ctrl+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="80"/>
        <source>Restore the refused ticket</source>
        <translation>Restore the refused ticket</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="81"/>
        <source>Put the refused ticket back into this form to correct it</source>
        <translation>Put the refused ticket back into this form to correct it</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="172"/>
        <source>Consultation</source>
        <translation>Consultation</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="173"/>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="174"/>
        <source>Suggestion</source>
        <translation>Suggestion</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="175"/>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="176"/>
        <source>Praise</source>
        <translation>Praise</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="177"/>
        <source>Help request</source>
        <translation>Help request</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="212"/>
        <source>— not dispatched —</source>
        <translation>— not dispatched —</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="219"/>
        <source>— choose a template —</source>
        <translation>— choose a template —</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="313"/>
        <source>Serial %1 — read it to the caller</source>
        <translation>Serial %1 — read it to the caller</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="314"/>
        <source>Ticket %1 saved.</source>
        <translation>Ticket %1 saved.</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="320"/>
        <source>Saved on this PC; it will be sent to the server when it is reachable. Tell the caller the serial number will follow by SMS.</source>
        <translation>Saved on this PC; it will be sent to the server when it is reachable. Tell the caller the serial number will follow by SMS.</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="335"/>
        <source>The server refused this ticket: %1 Correct it and save again.</source>
        <translation>The server refused this ticket: %1 Correct it and save again.</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="338"/>
        <source>The server refused the ticket for %2: %1 It is kept on this PC; restore it to correct it.</source>
        <translation>The server refused the ticket for %2: %1 It is kept on this PC; restore it to correct it.</translation>
    </message>
</context>
<context>
    <name>TransferPicker</name>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="64"/>
        <location filename="../../agent_app/softphone/widgets.py" line="105"/>
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="69"/>
        <source>Close (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="75"/>
        <source>Search name, work number, department…</source>
        <translation>Search name, work number, department…</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="82"/>
        <source>Blind transfer</source>
        <translation>Blind transfer</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="83"/>
        <source>Consult first</source>
        <translation>Consult first</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="84"/>
        <source>Invite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="105"/>
        <source>Add to the conference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="174"/>
        <source>Number · %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkListsController</name>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="127"/>
        <source>Ticket overdue</source>
        <translation>Ticket overdue</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="127"/>
        <source>%1 tickets overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="128"/>
        <source>Ticket falls due soon</source>
        <translation>Ticket falls due soon</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="128"/>
        <source>%1 tickets fall due soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="143"/>
        <source>New call-back</source>
        <translation>New call-back</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="146"/>
        <source>New voicemail</source>
        <translation>New voicemail</translation>
    </message>
</context>
<context>
    <name>WorkListsWidget</name>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Number</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <source>Attempts</source>
        <translation>Attempts</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <source>Since</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="68"/>
        <location filename="../../agent_app/worklists/widgets.py" line="84"/>
        <source>Call back</source>
        <translation>Call back</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="69"/>
        <location filename="../../agent_app/worklists/widgets.py" line="85"/>
        <source>Mark done</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="74"/>
        <source>Callbacks</source>
        <translation>Callbacks</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Left at</source>
        <translation>Left at</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="83"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="90"/>
        <source>Voicemails</source>
        <translation>Voicemails</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="97"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="98"/>
        <source>Serial</source>
        <translation>Serial</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="99"/>
        <source>Caller</source>
        <translation>Caller</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="100"/>
        <source>Content</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="101"/>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="102"/>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="107"/>
        <source>My tickets</source>
        <translation>My tickets</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="108"/>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="145"/>
        <source>Callbacks (%1)</source>
        <translation>Callbacks (%1)</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="149"/>
        <source>Hung up in the queue</source>
        <translation>Hung up in the queue</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="150"/>
        <source>Asked to be called back</source>
        <translation>Asked to be called back</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="151"/>
        <source>Left a voicemail</source>
        <translation>Left a voicemail</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="156"/>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="157"/>
        <source>Heard</source>
        <translation>Heard</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="158"/>
        <location filename="../../agent_app/worklists/widgets.py" line="187"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="178"/>
        <source>Voicemails (%1 new)</source>
        <translation>Voicemails (%1 new)</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="182"/>
        <source>On time</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="183"/>
        <source>Due soon</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="184"/>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="188"/>
        <source>Visited</source>
        <translation type="unfinished">Visited</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="189"/>
        <source>Closed</source>
        <translation type="unfinished">Closed</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="214"/>
        <source>My tickets (%1 overdue)</source>
        <translation>My tickets (%1 overdue)</translation>
    </message>
</context>
</TS>
