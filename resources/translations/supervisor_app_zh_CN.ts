<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentDayDialog</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>End</source>
        <translation>结束</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="402"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Arrived</source>
        <translation>来电时间</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Caller</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Talk</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="406"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Serial</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="409"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="411"/>
        <source>States</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="412"/>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="413"/>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
</context>
<context>
    <name>AuditActions</name>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="26"/>
        <source>State forced</source>
        <translation>强制置状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="27"/>
        <source>Supervision</source>
        <translation>监控</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="28"/>
        <source>Supervision ended</source>
        <translation>结束监控</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="29"/>
        <source>Number blocked</source>
        <translation>拉黑号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="30"/>
        <source>Block changed</source>
        <translation>修改黑名单</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="31"/>
        <source>Block lifted</source>
        <translation>解除拉黑</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="32"/>
        <source>Notice published</source>
        <translation>发布公告</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/controller.py" line="33"/>
        <source>Notice withdrawn</source>
        <translation>撤回公告</translation>
    </message>
</context>
<context>
    <name>AuditPane</name>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="21"/>
        <source>Every supervision act, forced state, block and notice is recorded here.</source>
        <translation>所有监控、强制置状态、拉黑和公告操作都记录在此。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="25"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/audit/widgets.py" line="29"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BroadcastController</name>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="69"/>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="83"/>
        <source>until lifted</source>
        <translation>直至解除</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="90"/>
        <source>Give the notice a title and a text.</source>
        <translation>请填写公告标题和内容。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="97"/>
        <source>Notice published.</source>
        <translation>公告已发布。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="104"/>
        <source>Notice withdrawn.</source>
        <translation>公告已撤回。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="113"/>
        <source>Write the message first.</source>
        <translation>请先填写消息内容。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="118"/>
        <source>Message sent to every seat.</source>
        <translation>已向全部坐席发送消息。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="126"/>
        <source>Enter a phone number of digits only (3–20), e.g. 13800138000.</source>
        <translation>请输入 3–20 位数字的电话号码，例如 13800138000。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="129"/>
        <source>Say why the number is blocked.</source>
        <translation>请填写拉黑原因。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="137"/>
        <source>%1 is blocked.</source>
        <translation>已将 %1 加入黑名单。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/controller.py" line="144"/>
        <source>Block lifted.</source>
        <translation>已解除拉黑。</translation>
    </message>
</context>
<context>
    <name>BroadcastPane</name>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="41"/>
        <source>Emergency notice</source>
        <translation>紧急公告</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="46"/>
        <source>The text seats see and the IVR plays first</source>
        <translation>坐席可见、IVR 优先播放的内容</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="49"/>
        <source>Every line</source>
        <translation>全部热线</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="52"/>
        <source>Play in the IVR before the menu</source>
        <translation>在 IVR 菜单前播放</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="54"/>
        <source>Publish notice</source>
        <translation>发布公告</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="56"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="57"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="58"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>Line</source>
        <translation>热线</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>IVR</source>
        <translation>IVR 播报</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="63"/>
        <source>Published</source>
        <translation>发布时间</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="66"/>
        <source>Withdraw selected notice</source>
        <translation>撤回所选公告</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="69"/>
        <source>Message to every seat</source>
        <translation>群发消息</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="73"/>
        <source>Send to all</source>
        <translation>发送给全部</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="78"/>
        <source>Blacklist</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="86"/>
        <source>Until lifted</source>
        <translation>永久（直至解除）</translation>
    </message>
    <message numerus="yes">
        <location filename="../../supervisor_app/broadcast/widgets.py" line="86"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="88"/>
        <source>Block number</source>
        <translation>拉黑号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="89"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="90"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="91"/>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Expires</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="95"/>
        <source>Blocked</source>
        <translation>拉黑时间</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/broadcast/widgets.py" line="98"/>
        <source>Lift selected block</source>
        <translation>解除所选黑名单</translation>
    </message>
</context>
<context>
    <name>LadderBar</name>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="37"/>
        <location filename="../../supervisor_app/main_window.py" line="55"/>
        <source>Supervision: off</source>
        <translation>监控：未开启</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="41"/>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="42"/>
        <source>Whisper</source>
        <translation>密语</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="43"/>
        <source>Barge in</source>
        <translation>强插</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="44"/>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="45"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="58"/>
        <source>Supervising %1: %2</source>
        <translation>正在监控 %1：%2</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <location filename="../../shared/ui/login.py" line="201"/>
        <source>Enter your work number and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/login/controller.py" line="30"/>
        <source>This console is for shift leaders; sign in with the agent app.</source>
        <translation>本系统仅供班长使用，坐席请使用坐席客户端登录。</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="226"/>
        <source>Wrong work number or password.</source>
        <translation>工号或密码错误。</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="195"/>
        <source>Cannot reach the server. Check the network cable or tell IT.</source>
        <translation>无法连接服务器，请检查网线或联系信息科。</translation>
    </message>
</context>
<context>
    <name>LoginWidget</name>
    <message>
        <location filename="../../shared/ui/login.py" line="61"/>
        <source>Hotline Desk</source>
        <translation>热线坐席系统</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/login/widgets.py" line="19"/>
        <source>Shift leader console</source>
        <translation>班长监控台</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="72"/>
        <source>e.g. 1001</source>
        <translation>例如 1001</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="76"/>
        <source>Work number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="77"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="81"/>
        <location filename="../../shared/ui/login.py" line="136"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="132"/>
        <source>Server: %1</source>
        <translation>服务器：%1</translation>
    </message>
    <message>
        <location filename="../../shared/ui/login.py" line="136"/>
        <source>Signing in…</source>
        <translation>正在登录…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="74"/>
        <source>Hotline Desk — shift leader</source>
        <translation>热线坐席系统 — 班长台</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="94"/>
        <source>Wall display</source>
        <translation>大屏显示</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="97"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/main_window.py" line="106"/>
        <source>Seats and queues</source>
        <translation>坐席与队列</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="36"/>
        <source>Queues</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="42"/>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="43"/>
        <source>Waiting</source>
        <translation>排队</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="44"/>
        <source>Longest wait</source>
        <translation>最长等待</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="45"/>
        <source>Est. wait</source>
        <translation>预计等待</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="46"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="47"/>
        <source>Offered</source>
        <translation>呼入</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="48"/>
        <source>Answered</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="49"/>
        <source>Abandoned</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="50"/>
        <source>Ready / in</source>
        <translation>空闲 / 在线</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Caller</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="56"/>
        <source>Waited</source>
        <translation>已等待</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/queues/widgets.py" line="112"/>
        <source>Waiting calls are counted by the call router; this server does not report them yet.</source>
        <translation>排队数由路由引擎统计，本服务器暂未上报。</translation>
    </message>
</context>
<context>
    <name>RecordingsController</name>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="75"/>
        <source>No active scoring form; an administrator sets one up.</source>
        <translation>暂无启用的质检表，请管理员配置。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="101"/>
        <source>No seat with work number %1.</source>
        <translation>没有工号为 %1 的坐席。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="150"/>
        <source>Recording %1 — %2</source>
        <translation>录音 %1 — %2</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="181"/>
        <source>Select a recording first.</source>
        <translation>请先选择录音。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="184"/>
        <source>No sound output is available on this computer.</source>
        <translation>本机没有可用的放音设备。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="224"/>
        <source>Select a recording and make sure a scoring form exists.</source>
        <translation>请先选择录音，并确认已配置质检表。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/controller.py" line="235"/>
        <source>Score %1 saved.</source>
        <translation>评分 %1 已保存。</translation>
    </message>
</context>
<context>
    <name>RecordingsPane</name>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="77"/>
        <source>Work number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="79"/>
        <source>Caller number</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="81"/>
        <source>Ticket serial</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="82"/>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="85"/>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="87"/>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <location filename="../../supervisor_app/recordings/widgets.py" line="111"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="102"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="105"/>
        <source>Score statistics per agent</source>
        <translation>坐席质检统计</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="112"/>
        <source>Evaluations</source>
        <translation>质检次数</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="113"/>
        <source>Average</source>
        <translation>平均分</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="114"/>
        <source>Lowest</source>
        <translation>最低分</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="115"/>
        <source>Highest</source>
        <translation>最高分</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="122"/>
        <source>Select a recording</source>
        <translation>请选择录音</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="129"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="130"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="137"/>
        <source>Scoring sheet</source>
        <translation>质检评分表</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="141"/>
        <source>Comment for the agent</source>
        <translation>给坐席的评语</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="147"/>
        <source>Save score</source>
        <translation>保存评分</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/recordings/widgets.py" line="203"/>
        <source>Total %1 / 100</source>
        <translation>总分 %1 / 100</translation>
    </message>
</context>
<context>
    <name>ReportsController</name>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="112"/>
        <source>(until the start of that day, centre time)</source>
        <translation>（截至该日零点，中心时间）</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="125"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="126"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="127"/>
        <source>Offered</source>
        <translation>呼入</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="128"/>
        <source>Answered</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="129"/>
        <source>Abandoned</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="130"/>
        <source>Abandon rate</source>
        <translation>放弃率</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="131"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="143"/>
        <source>Work number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="144"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="145"/>
        <source>Team</source>
        <translation>班组</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="146"/>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="147"/>
        <source>Talk</source>
        <translation>通话时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="148"/>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="149"/>
        <source>Wrap-up</source>
        <translation>话后整理</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="150"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="151"/>
        <source>Not ready by reason</source>
        <translation>示忙原因明细</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="152"/>
        <source>Transfers</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="153"/>
        <source>Conferences joined</source>
        <translation>参与会议</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="154"/>
        <source>Time in conferences</source>
        <translation>会议时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="162"/>
        <source>Last call</source>
        <translation>最近来电</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="171"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="172"/>
        <source>This period</source>
        <translation>本期</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="173"/>
        <source>Previous period</source>
        <translation>上期</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="174"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="192"/>
        <source>Show a report first; there is nothing to export.</source>
        <translation>请先查询报表，当前没有可导出的内容。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="203"/>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="210"/>
        <source>Export report</source>
        <translation>导出报表</translation>
    </message>
</context>
<context>
    <name>ReportsPane</name>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="86"/>
        <source>Call volume per day</source>
        <translation>每日话务量</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="87"/>
        <source>Call volume per hour</source>
        <translation>每小时话务量</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="88"/>
        <source>Per agent</source>
        <translation>坐席统计</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="89"/>
        <source>Frequent callers</source>
        <translation>高频来电</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="90"/>
        <source>Tickets by type</source>
        <translation>工单按类型</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="91"/>
        <source>Tickets by category</source>
        <translation>工单按类别</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="92"/>
        <source>Tickets by department</source>
        <translation>工单按承办单位</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="97"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="98"/>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="99"/>
        <source>Last 7 days</source>
        <translation>近 7 天</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="100"/>
        <source>Last 30 days</source>
        <translation>近 30 天</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="104"/>
        <source>Per queue</source>
        <translation>按队列</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="105"/>
        <source>Show</source>
        <translation>查询</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="107"/>
        <source>Export CSV / XLSX…</source>
        <translation>导出 CSV / XLSX…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="108"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/widgets.py" line="110"/>
        <source>Period</source>
        <translation>时段</translation>
    </message>
</context>
<context>
    <name>SeatStates</name>
    <message>
        <location filename="../../supervisor_app/common.py" line="60"/>
        <source>Logged out</source>
        <extracomment>Display order of states in totals and legends: busy first, as a leader scans for capacity.</extracomment>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="61"/>
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="62"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="63"/>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="64"/>
        <source>Talking</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="65"/>
        <source>On hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/common.py" line="66"/>
        <source>Wrap-up</source>
        <translation>话后整理</translation>
    </message>
</context>
<context>
    <name>SeatTile</name>
    <message>
        <location filename="../../supervisor_app/seats/model.py" line="70"/>
        <source>Conference · %1 people</source>
        <extracomment>Above this many changed rows one span signal is cheaper than a signal per row.</extracomment>
        <translation>会议 · %1人</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/model.py" line="78"/>
        <source>Holds a conference with the caller</source>
        <translation>正在主持与来电者的会议</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/model.py" line="80"/>
        <source>Invited into the call of %1 (%2)</source>
        <translation>应邀加入 %1（%2）的通话</translation>
    </message>
</context>
<context>
    <name>SeatsController</name>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="178"/>
        <source>Message to %1</source>
        <translation>发消息给 %1</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="178"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="191"/>
        <source>%1 is now %2.</source>
        <translation>%1 已置为%2。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="200"/>
        <source>Message sent.</source>
        <translation>消息已发送。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="209"/>
        <source>Select a talking seat first.</source>
        <translation>请先选择一个通话中的坐席。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="219"/>
        <source>Agent&apos;s day: %1</source>
        <translation>坐席当日详情：%1</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="284"/>
        <source>Joined %1&apos;s conference</source>
        <translation>加入了 %1 的会议</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="286"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/controller.py" line="288"/>
        <source>%1 · conference with %2</source>
        <translation>%1 · 与 %2 会议</translation>
    </message>
</context>
<context>
    <name>SeatsPane</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="271"/>
        <source>No grouping</source>
        <translation>不分组</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="272"/>
        <source>By team</source>
        <translation>按班组</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="273"/>
        <source>By skill</source>
        <translation>按技能</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="278"/>
        <source>Work number</source>
        <translation>工号</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="279"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="280"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="281"/>
        <source>Longest in state</source>
        <translation>状态最久</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="285"/>
        <source>Filter: name, work number, team, caller</source>
        <translation>筛选：姓名、工号、班组、来电号码</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="288"/>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="291"/>
        <source>Group</source>
        <translation>分组</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="293"/>
        <source>Sort</source>
        <translation>排序</translation>
    </message>
</context>
<context>
    <name>StateTotals</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="253"/>
        <source>Seats %1 · signed in %2</source>
        <translation>坐席 %1 · 在线 %2</translation>
    </message>
</context>
<context>
    <name>SupervisionController</name>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="98"/>
        <source>Stop supervising the other seat first.</source>
        <translation>请先停止对另一个坐席的监控。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="103"/>
        <source>That step is not possible now (after take-over only stop is).</source>
        <translation>当前不能执行该操作（接管后只能停止）。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="118"/>
        <source>Your softphone could not join the call: %1</source>
        <translation>软电话无法加入通话：%1</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/supervision/controller.py" line="145"/>
        <source>Supervision audio is not available on this server yet (its call path is still being built). Nothing was started.</source>
        <translation>本服务器尚未提供监控语音（呼叫通路仍在建设中），未进行任何操作。</translation>
    </message>
</context>
<context>
    <name>SupervisorApplication</name>
    <message>
        <location filename="../../supervisor_app/app.py" line="86"/>
        <source>Wallboard</source>
        <translation>大屏</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="87"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="88"/>
        <source>Tickets</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="89"/>
        <source>Recordings and QA</source>
        <translation>录音质检</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="90"/>
        <source>Notices and blacklist</source>
        <translation>公告与黑名单</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="91"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="152"/>
        <source>Your softphone could not register (%1); supervision has no audio.</source>
        <translation>软电话注册失败（%1），监控将没有声音。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="169"/>
        <source>Your session has ended; sign in again.</source>
        <translation>登录已失效，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="190"/>
        <source>Live</source>
        <translation>实时</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="191"/>
        <source>Connecting…</source>
        <translation>正在连接…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="192"/>
        <source>Live updates lost; reconnecting…</source>
        <translation>实时数据中断，正在重连…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/app.py" line="193"/>
        <source>Live updates refused; sign in again.</source>
        <translation>实时数据被拒绝，请重新登录。</translation>
    </message>
</context>
<context>
    <name>TicketStatuses</name>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="41"/>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="42"/>
        <source>Dispatched</source>
        <translation>已派发</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="43"/>
        <source>Accepted</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="44"/>
        <source>Processing</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="45"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="46"/>
        <source>Visited</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="47"/>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
</context>
<context>
    <name>TicketTypes</name>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="48"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="49"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="50"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="51"/>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="52"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/reports/controller.py" line="53"/>
        <source>Help request</source>
        <translation>求助</translation>
    </message>
</context>
<context>
    <name>TicketsBoard</name>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="50"/>
        <source>All open</source>
        <translation>全部未办结</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="51"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Red</source>
        <translation>红灯</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="52"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Yellow</source>
        <translation>黄灯</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="53"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Green</source>
        <translation>绿灯</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="54"/>
        <source>Returned</source>
        <translation>被退回</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="55"/>
        <source>Awaiting visit</source>
        <translation>待回访</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="56"/>
        <source>Extension pending</source>
        <translation>延期待审批</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="85"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="106"/>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="75"/>
        <source>Open</source>
        <translation>未办结</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="81"/>
        <source>Light</source>
        <translation>灯</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="82"/>
        <source>Serial</source>
        <translation>工单号</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="83"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="84"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="86"/>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="87"/>
        <source>Returns</source>
        <translation>退回次数</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="93"/>
        <source>Select a ticket</source>
        <translation>请选择工单</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="101"/>
        <source>Re-dispatch</source>
        <translation>重新派发</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="105"/>
        <source>Dispatch</source>
        <translation>派发</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="107"/>
        <location filename="../../supervisor_app/tickets/widgets.py" line="138"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="110"/>
        <source>Extension request</source>
        <translation>延期申请</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="112"/>
        <source>None pending</source>
        <translation>无待审批</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="116"/>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="117"/>
        <source>Refuse</source>
        <translation>驳回</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="122"/>
        <source>Return and visit</source>
        <translation>退回与回访</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="125"/>
        <source>Send back for rework</source>
        <translation>退回重办</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="128"/>
        <source>Satisfied</source>
        <translation>满意</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="129"/>
        <source>Unsatisfied</source>
        <translation>不满意</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="130"/>
        <source>Could not reach</source>
        <translation>未联系上</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="134"/>
        <source>Record return visit</source>
        <translation>记录回访</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="135"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/widgets.py" line="137"/>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
</context>
<context>
    <name>TicketsController</name>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="171"/>
        <source>%1 asks until %2: %3</source>
        <translation>%1 申请延期至 %2：%3</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="177"/>
        <source>None pending</source>
        <translation>无待审批</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="194"/>
        <source>Ticket %1 dispatched.</source>
        <translation>工单 %1 已派发。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="198"/>
        <source>Say why the ticket goes back for rework.</source>
        <translation>请填写退回重办的原因。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="203"/>
        <source>Ticket %1 sent back for rework.</source>
        <translation>工单 %1 已退回重办。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="210"/>
        <source>Return visit recorded for %1.</source>
        <translation>已记录 %1 的回访。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="219"/>
        <source>Extension approved.</source>
        <translation>已批准延期。</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/tickets/controller.py" line="219"/>
        <source>Extension refused.</source>
        <translation>已驳回延期。</translation>
    </message>
</context>
<context>
    <name>WallboardController</name>
    <message>
        <location filename="../../supervisor_app/wallboard/controller.py" line="152"/>
        <source>Hotline Desk — wallboard</source>
        <translation>热线坐席系统 — 大屏</translation>
    </message>
</context>
<context>
    <name>WallboardView</name>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="70"/>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="102"/>
        <source>Calls waiting</source>
        <translation>排队来电</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="71"/>
        <source>Service level</source>
        <translation>服务水平</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="72"/>
        <source>Avg speed of answer</source>
        <translation>平均应答时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="73"/>
        <source>Avg handle time</source>
        <translation>平均处理时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="74"/>
        <source>Abandon rate</source>
        <translation>放弃率</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="75"/>
        <source>Calls today</source>
        <translation>今日来电</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="93"/>
        <source>Calls per interval vs same day last week</source>
        <translation>各时段来电量（对比上周同日）</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="94"/>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="95"/>
        <source>last week</source>
        <translation>上周</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="96"/>
        <source>Agents by state</source>
        <translation>各状态坐席数</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="103"/>
        <source>waiting</source>
        <translation>排队</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="104"/>
        <source>Service level %</source>
        <translation>服务水平 %</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="105"/>
        <source>answered in time</source>
        <translation>及时接听</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="108"/>
        <source>Speed of answer and handle time (s)</source>
        <translation>应答与处理时长（秒）</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="109"/>
        <source>speed of answer</source>
        <translation>应答时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="110"/>
        <source>handle time</source>
        <translation>处理时长</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="111"/>
        <source>Abandon rate %</source>
        <translation>放弃率 %</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/wallboard/widgets.py" line="112"/>
        <source>abandoned</source>
        <translation>放弃</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="319"/>
        <source>Supervise</source>
        <translation>监控</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="322"/>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="323"/>
        <source>Whisper</source>
        <translation>密语</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="324"/>
        <source>Barge in</source>
        <translation>强插</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="325"/>
        <source>Take over</source>
        <translation>接管</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="328"/>
        <source>Stop supervising</source>
        <translation>停止监控</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="330"/>
        <source>Force ready</source>
        <translation>强制示闲</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="331"/>
        <source>Force not ready</source>
        <translation>强制示忙</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="334"/>
        <source>Force logout</source>
        <translation>强制签出</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="336"/>
        <source>Send message…</source>
        <translation>发送消息…</translation>
    </message>
    <message>
        <location filename="../../supervisor_app/seats/widgets.py" line="337"/>
        <source>Agent&apos;s day…</source>
        <translation>当日详情…</translation>
    </message>
</context>
</TS>
