<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AgentApplication</name>
    <message>
        <location filename="../../agent_app/app.py" line="306"/>
        <source>Finish the call first</source>
        <translation>请先结束通话</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="391"/>
        <source>Message from %1: %2</source>
        <translation>%1 的消息：%2</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="431"/>
        <source>Your session has expired. Finish the call, then sign in again.</source>
        <translation>登录已过期。请结束通话后重新登录。</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="441"/>
        <source>Your session has expired; please sign in again.</source>
        <translation>登录已过期，请重新登录。</translation>
    </message>
    <message>
        <location filename="../../agent_app/app.py" line="447"/>
        <source>A call is still up: hang up before closing Hotline Desk.</source>
        <translation>还有通话未结束：请先挂断再关闭热线坐席。</translation>
    </message>
</context>
<context>
    <name>ConferencePartyRow</name>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="47"/>
        <source>Remove</source>
        <translation>移出</translation>
    </message>
</context>
<context>
    <name>ConferenceRoomView</name>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="78"/>
        <source>ringing…</source>
        <translation>振铃中…</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="79"/>
        <source>in the conference</source>
        <translation>已入会</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="80"/>
        <source>could not join</source>
        <translation>未能入会</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="81"/>
        <source>left</source>
        <translation>已离开</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="90"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="97"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="115"/>
        <source>no answer</source>
        <translation>无人接听</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="98"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="116"/>
        <source>busy</source>
        <translation>占线</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="99"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="117"/>
        <source>declined</source>
        <translation>拒接</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="100"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="118"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="101"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="119"/>
        <source>not reachable (not signed in)</source>
        <translation>无法接通（未登录）</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="106"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="120"/>
        <source>failed</source>
        <translation>呼叫失败</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="102"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="121"/>
        <source>hung up</source>
        <translation>已挂机</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="103"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="122"/>
        <source>removed by the room&apos;s owner</source>
        <translation>被主持坐席移出</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="104"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="123"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="124"/>
        <source>the call ended</source>
        <translation>通话已结束</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="105"/>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="125"/>
        <source>the conference is full</source>
        <translation>会议已满</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="135"/>
        <source>Caller %1</source>
        <translation>来电人 %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="137"/>
        <source>%1 (you)</source>
        <translation>%1（我）</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="158"/>
        <source>Conference · %1 talking · at most %2</source>
        <translation>会议 · %1人通话 · 最多%2人</translation>
    </message>
    <message>
        <source>Conference · %1 of at most %2</source>
        <translation type="vanished">会议 · %1人（最多%2人）</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/conference_widgets.py" line="172"/>
        <source>Hang up %1 and take them out of the conference</source>
        <translation>挂断%1并将其移出会议</translation>
    </message>
</context>
<context>
    <name>GlobalHotkeys</name>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="186"/>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="358"/>
        <source>%1 cannot be used as a global hotkey.</source>
        <translation>%1 不能用作全局快捷键。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="192"/>
        <source>%1 is not on this keyboard.</source>
        <translation>此键盘上没有 %1 键。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="197"/>
        <source>%1 switches the screen on Linux; choose another key.</source>
        <translation>%1 在 Linux 上用于切换屏幕，请换一个按键。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="201"/>
        <source>%1 is set for two actions.</source>
        <translation>%1 被设置给了两个操作。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="218"/>
        <source>The connection to the X display was lost; restart Hotline Desk.</source>
        <translation>与 X 显示的连接已断开，请重新启动热线坐席。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="223"/>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="370"/>
        <source>%1 is already taken by another program; it works only while Hotline Desk is in front.</source>
        <translation>%1 已被其他程序占用，只在热线坐席位于前台时有效。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="315"/>
        <source>Global hotkeys are not available under Wayland; the shortcuts work while the Hotline Desk window is focused.</source>
        <translation>Wayland 下无法使用全局快捷键；热线坐席窗口处于焦点时快捷键可用。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="321"/>
        <source>Global hotkeys are not available on this system; the shortcuts work while the Hotline Desk window is focused.</source>
        <translation>本系统不支持全局快捷键；热线坐席窗口处于焦点时快捷键可用。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/global_hotkeys.py" line="332"/>
        <source>Global hotkeys are off: the X display cannot be reached (%1); the shortcuts work while the Hotline Desk window is focused.</source>
        <translation>全局快捷键已关闭：无法连接 X 显示（%1）；热线坐席窗口处于焦点时快捷键可用。</translation>
    </message>
</context>
<context>
    <name>KnowledgeController</name>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="75"/>
        <source>Opening the knowledge base…</source>
        <translation>正在打开知识库…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="93"/>
        <source>Updating the knowledge base: %1 articles</source>
        <translation>正在更新知识库：%1 篇</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="105"/>
        <source>Downloading the knowledge base…</source>
        <translation>正在下载知识库…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="106"/>
        <source>Installing the knowledge base…</source>
        <translation>正在安装知识库…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="131"/>
        <source>%1 articles searchable</source>
        <translation>可检索 %1 篇知识</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/controller.py" line="146"/>
        <source>Knowledge base not updated (%1); %2 articles searchable.</source>
        <translation>知识库未能更新（%1）；当前可检索 %2 篇。</translation>
    </message>
</context>
<context>
    <name>KnowledgePane</name>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="66"/>
        <source>Knowledge base</source>
        <translation>知识库</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="71"/>
        <source>Search: words, pinyin initials (gjjtq), short code…</source>
        <translation>搜索：关键词、拼音首字母（gjjtq）、简码…</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="96"/>
        <source>Insert answer into ticket</source>
        <translation>插入答案到工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="121"/>
        <source>All categories</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="122"/>
        <source>All departments</source>
        <translation>全部部门</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="146"/>
        <source>short code</source>
        <translation>简码</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="147"/>
        <source>pinyin</source>
        <translation>拼音</translation>
    </message>
    <message>
        <location filename="../../agent_app/knowledge/widgets.py" line="148"/>
        <source>similar spelling</source>
        <translation>近似</translation>
    </message>
</context>
<context>
    <name>LoginController</name>
    <message>
        <location filename="../../agent_app/login/controller.py" line="111"/>
        <source>Cannot reach the server. You can work offline: calls still ring, tickets wait on this PC and are sent when the server is back.</source>
        <translation>无法连接服务器。可以离线工作：来电照常振铃，工单先保存在本机，服务器恢复后自动发送。</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="118"/>
        <source>Cannot reach the server. Check the network cable or tell IT. (Working offline needs one sign-in on this PC while the server is reachable, within the last days.)</source>
        <translation>无法连接服务器，请检查网线或联系信息科。（离线工作需要近几天内在服务器可用时于本机登录过一次。）</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="132"/>
        <location filename="../../shared/ui/login.py" line="201"/>
        <source>Enter your work number and password.</source>
        <translation>请输入工号和密码。</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="158"/>
        <location filename="../../shared/ui/login.py" line="226"/>
        <source>Wrong work number or password.</source>
        <translation>工号或密码不正确。</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="163"/>
        <source>Working offline has expired on this PC: sign in once while the server is reachable.</source>
        <translation>本机的离线工作权限已过期：请在服务器可用时登录一次。</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="170"/>
        <source>This work number has not signed in on this PC while the server was reachable, so it cannot work offline.</source>
        <translation>该工号未曾在服务器可用时于本机登录，不能离线工作。</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/controller.py" line="211"/>
        <source>The server no longer accepts your password; please sign in again.</source>
        <translation>服务器已不再接受您的密码，请重新登录。</translation>
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
        <translation>热线坐席</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/widgets.py" line="22"/>
        <source>Work offline</source>
        <translation>离线工作</translation>
    </message>
    <message>
        <location filename="../../agent_app/login/widgets.py" line="32"/>
        <source>Call-taker sign-in</source>
        <translation>话务员登录</translation>
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
        <location filename="../../agent_app/main_window.py" line="59"/>
        <source>Hotline Desk — call-taker</source>
        <translation>热线坐席 — 话务员</translation>
    </message>
    <message>
        <location filename="../../agent_app/main_window.py" line="89"/>
        <source>Current call</source>
        <translation>当前来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/main_window.py" line="91"/>
        <source>My work</source>
        <translation>我的工作</translation>
    </message>
    <message>
        <location filename="../../agent_app/main_window.py" line="94"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message>
        <location filename="../../agent_app/offline/widgets.py" line="22"/>
        <source>The server cannot be reached. Calls still work; %1 ticket(s) are kept on this PC and will be sent automatically when it is back.</source>
        <translation>服务器暂时无法连接。电话照常可用；%1 张工单已保存在本机，恢复后将自动提交。</translation>
    </message>
    <message>
        <location filename="../../agent_app/offline/widgets.py" line="29"/>
        <source>%1 saved ticket(s) were refused by the server and are kept on this PC; tell your shift leader.</source>
        <translation>%1 张工单被服务器拒收，已保存在本机，请告知班长。</translation>
    </message>
    <message>
        <location filename="../../agent_app/offline/widgets.py" line="36"/>
        <source>Sending %1 ticket(s) saved while offline…</source>
        <translation>正在提交离线期间保存的 %1 张工单…</translation>
    </message>
</context>
<context>
    <name>ScreenPopController</name>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="180"/>
        <source>Queue: %1</source>
        <translation>队列：%1</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="182"/>
        <source>IVR: %1</source>
        <translation>语音导航：%1</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="184"/>
        <source>Digits: %1</source>
        <translation>按键：%1</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/controller.py" line="211"/>
        <source>The server cannot be reached: no caller history now. The call itself works; the ticket will be sent later.</source>
        <translation>服务器暂时无法连接，暂无来电历史。通话不受影响，工单将稍后提交。</translation>
    </message>
</context>
<context>
    <name>ScreenPopWidget</name>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="46"/>
        <source>No caller</source>
        <translation>暂无来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="66"/>
        <location filename="../../agent_app/screen_pop/widgets.py" line="203"/>
        <source>Open tickets</source>
        <translation>未办结工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="71"/>
        <source>SLA</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="72"/>
        <source>Serial</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="73"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="74"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="75"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="76"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="81"/>
        <location filename="../../agent_app/screen_pop/widgets.py" line="204"/>
        <source>Recent calls</source>
        <translation>近期来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>IVR</source>
        <translation>语音导航</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="85"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="110"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="111"/>
        <source>Important</source>
        <translation>重要</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="112"/>
        <source>Elderly</source>
        <translation>老人</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="113"/>
        <source>Blacklisted</source>
        <translation>黑名单</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="118"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="119"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="120"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="121"/>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="122"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="123"/>
        <source>Help request</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="128"/>
        <source>Registered</source>
        <translation>已登记</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="129"/>
        <source>Dispatched</source>
        <translation>已派发</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="130"/>
        <source>Accepted</source>
        <translation>已签收</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="131"/>
        <source>Processing</source>
        <translation>办理中</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="132"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="133"/>
        <source>Visited</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="134"/>
        <source>Closed</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="141"/>
        <source>Answered</source>
        <translation>已接听</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="142"/>
        <source>Abandoned</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="143"/>
        <source>Blocked</source>
        <translation>已拦截</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="144"/>
        <source>Voicemail</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="145"/>
        <source>Overflow</source>
        <translation>溢出</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="146"/>
        <source>Transferred</source>
        <translation>已转接</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="151"/>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="152"/>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="153"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="164"/>
        <source>, </source>
        <comment>between names in a list</comment>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="170"/>
        <source>%1 and %2 more</source>
        <translation>%1 及另外 %2 人</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="171"/>
        <source>%1 + %2</source>
        <translation>%1 + %2</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="174"/>
        <source>%1 (took the call)</source>
        <translation>%1（接听）</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="176"/>
        <source>%1 (joined the conference)</source>
        <translation>%1（加入会议）</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="186"/>
        <source>Main menu</source>
        <translation>主菜单</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="194"/>
        <source>Looking up…</source>
        <translation>正在查询…</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="209"/>
        <source>(no name)</source>
        <translation>（未留姓名）</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="209"/>
        <source>First-time caller</source>
        <translation>首次来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="223"/>
        <source>This number is on the blacklist.</source>
        <translation>该号码在黑名单中。</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="227"/>
        <source>First call from this number: fill in the caller&apos;s details in the ticket form; they are saved with the ticket.</source>
        <translation>该号码首次来电：请在工单中填写来电人信息，将随工单一并保存。</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="242"/>
        <source>Open tickets (%1)</source>
        <translation>未办结工单（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_app/screen_pop/widgets.py" line="236"/>
        <source>Recent calls (%1 in all)</source>
        <translation>近期来电（共 %1 次）</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="99"/>
        <source>this start&apos;s command line</source>
        <translation>本次启动参数</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="100"/>
        <source>your own setting</source>
        <translation>个人设置</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="101"/>
        <source>built-in default</source>
        <translation>内置默认值</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="103"/>
        <source>From: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="134"/>
        <source>The server address must start with http:// or https://</source>
        <translation>服务器地址须以 http:// 或 https:// 开头</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="162"/>
        <source>Settings saved.</source>
        <translation>设置已保存。</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="165"/>
        <source>The new language applies fully after the next start.</source>
        <translation>新语言将在下次启动后完全生效。</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="167"/>
        <source>The new server is used from the next sign-in after a restart.</source>
        <translation>新服务器地址在重启后下次登录时生效。</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/controller.py" line="181"/>
        <source>The call hotkeys and headset buttons work while other programs are in front.</source>
        <translation>其他程序在前台时，通话快捷键和耳机按键同样有效。</translation>
    </message>
</context>
<context>
    <name>SettingsWidget</name>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="36"/>
        <source>Audio devices</source>
        <translation>音频设备</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="41"/>
        <source>Microphone</source>
        <translation>麦克风</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="42"/>
        <source>Speaker (headset)</source>
        <translation>听筒（耳机）</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="43"/>
        <source>Ring device</source>
        <translation>振铃设备</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="48"/>
        <source>%v dBFS</source>
        <translation>%v dBFS</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="49"/>
        <source>Test microphone</source>
        <translation>测试麦克风</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="53"/>
        <source>Level</source>
        <translation>音量</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="55"/>
        <source>Play test tone</source>
        <translation>播放测试音</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="56"/>
        <source>Look for new devices</source>
        <translation>重新查找设备</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="62"/>
        <source>General</source>
        <translation>常规</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="67"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="70"/>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="73"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="77"/>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="79"/>
        <source>Hotkeys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="83"/>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="84"/>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="85"/>
        <source>Hold / resume</source>
        <translation>保持 / 恢复</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="86"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="87"/>
        <source>Ready</source>
        <translation>示闲</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="94"/>
        <source>Also when another program is in front</source>
        <translation>其他程序在前台时也有效</translation>
    </message>
    <message>
        <source>Also when another program is in front (Windows)</source>
        <translation type="vanished">其他程序在前台时也生效（Windows）</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="106"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="117"/>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <location filename="../../agent_app/settings/widgets.py" line="128"/>
        <source>%1 (not connected)</source>
        <translation>%1（未连接）</translation>
    </message>
</context>
<context>
    <name>SoftphoneController</name>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="161"/>
        <source>%1 invites you into a conference</source>
        <translation>%1 邀请您加入会议</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="169"/>
        <source>Complete transfer</source>
        <translation>完成转接</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="171"/>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="266"/>
        <source>The transfer failed: %1</source>
        <translation>转接失败：%1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="319"/>
        <source>Enter a number to call.</source>
        <translation>请输入要拨打的号码。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="341"/>
        <source>Nothing to redial yet.</source>
        <translation>暂无可重拨的号码。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="384"/>
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="389"/>
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="394"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="435"/>
        <source>Others are in the conference: remove them before transferring the caller.</source>
        <translation>会议中还有其他人：请先将其移出，再转接来电人。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="582"/>
        <source>The conference is full (at most %1 parties): remove someone first.</source>
        <translation>会议已满（最多%1方）：请先移出一方。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="586"/>
        <source>The conference is full: remove someone first.</source>
        <translation>会议已满：请先移出一方。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="589"/>
        <source>%1 is already in the conference.</source>
        <translation>%1 已在会议中。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="591"/>
        <source>%1 cannot be reached now (signed out or on another call).</source>
        <translation>%1 现在无法接通（未登录或正在通话）。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="596"/>
        <source>The server cannot hold a conference now (its call path is off). Call the colleague on a second line and use Conference for a three-way call.</source>
        <translation>服务器现在无法召开会议（呼叫通道未启用）。请用第二路呼叫同事，再点“会议”合并为三方通话。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="600"/>
        <source>The server has no call of yours to add anyone to; the call may have ended.</source>
        <translation>服务器上没有您的通话可供加人，通话可能已结束。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="602"/>
        <source>There is no conference on this call any more.</source>
        <translation>本通话已没有会议。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="604"/>
        <source>There is no colleague with work number %1.</source>
        <translation>没有工号为 %1 的同事。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="606"/>
        <source>%1 is neither a department nor a number that can be dialled.</source>
        <translation>%1 既不是部门，也不是可拨打的号码。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="610"/>
        <source>A transfer of this call is under way: finish or cancel it first.</source>
        <translation>本通话正在转接：请先完成或取消转接。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="612"/>
        <source>The server cannot add anyone to this call right now; try again in a moment.</source>
        <translation>服务器暂时无法为本通话加人，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="614"/>
        <source>Only the colleague who holds the call can remove parties.</source>
        <translation>只有主持本通话的坐席可以移出与会方。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="616"/>
        <source>The caller and the colleague holding the call cannot be removed.</source>
        <translation>来电人和主持坐席不能被移出。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="618"/>
        <source>That party has already left the conference.</source>
        <translation>该与会方已离开会议。</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/controller.py" line="621"/>
        <source>This server cannot hold conferences yet (it needs an update). Call the colleague on a second line and use Conference for a three-way call.</source>
        <translation>此服务器尚不支持会议（需要升级）。请用第二路呼叫同事，再点“会议”合并为三方通话。</translation>
    </message>
</context>
<context>
    <name>SoftphonePanel</name>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="208"/>
        <location filename="../../agent_app/softphone/widgets.py" line="344"/>
        <source>Incoming call</source>
        <translation>来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="216"/>
        <source>Answer</source>
        <translation>接听</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="218"/>
        <source>Reject</source>
        <translation>拒接</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="232"/>
        <location filename="../../agent_app/softphone/widgets.py" line="421"/>
        <source>No call</source>
        <translation>空闲</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="235"/>
        <source>Call quality</source>
        <translation>通话质量</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="247"/>
        <source>Hang up</source>
        <translation>挂断</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="249"/>
        <source>Hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="250"/>
        <source>Mute</source>
        <translation>静音</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="251"/>
        <source>Transfer</source>
        <translation>转接</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="252"/>
        <location filename="../../agent_app/softphone/widgets.py" line="368"/>
        <source>Conference</source>
        <translation>会议</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="253"/>
        <source>Keypad</source>
        <translation>拨号盘</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="285"/>
        <source>Number to call</source>
        <translation>拨打号码</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="286"/>
        <source>Call</source>
        <translation>呼叫</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="287"/>
        <source>Redial</source>
        <translation>重拨</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="293"/>
        <source>Calls</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="328"/>
        <source>ringing</source>
        <translation>振铃中</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="329"/>
        <source>dialling</source>
        <translation>呼叫中</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="330"/>
        <source>talking</source>
        <translation>通话中</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="331"/>
        <source>on hold</source>
        <translation>保持中</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="332"/>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="336"/>
        <source> · conference (%1)</source>
        <translation> · 会议（%1人）</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="338"/>
        <source> · conference</source>
        <translation> · 会议</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="344"/>
        <source>Call waiting</source>
        <translation>呼叫等待</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="368"/>
        <source>Add party</source>
        <translation>加人会议</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="370"/>
        <source>Invite a colleague, a department or a number into this call</source>
        <translation>邀请同事、部门或电话号码加入本通话</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="372"/>
        <source>Join your two calls into a three-way call</source>
        <translation>将两路通话合并为三方通话</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="403"/>
        <source>No new calls until you are ready</source>
        <translation>示闲前不会有新来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="405"/>
        <source>Wrap-up · %1</source>
        <translation>话后整理 · %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="408"/>
        <source>Not ready · %1</source>
        <translation>示忙 · %1</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="411"/>
        <source>Not ready (%1) · %2</source>
        <translation>示忙（%1） · %2</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="418"/>
        <source>Signed out</source>
        <translation>已签出</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="422"/>
        <source>Waiting for calls</source>
        <translation>等待来电</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="436"/>
        <source>Call quality: not measured yet</source>
        <translation>通话质量：尚未测量</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="437"/>
        <source>Call quality: good</source>
        <translation>通话质量：良好</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="438"/>
        <source>Call quality: fair</source>
        <translation>通话质量：一般</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="439"/>
        <source>Call quality: poor, the caller may hear gaps</source>
        <translation>通话质量：较差，对方可能听到断续</translation>
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
        <translation>示闲</translation>
    </message>
    <message>
        <source>Finish wrap-up</source>
        <translation type="vanished">结束话后</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="74"/>
        <source>Sign out</source>
        <translation>签出</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="89"/>
        <source>Signed out</source>
        <translation>已签出</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="52"/>
        <location filename="../../agent_app/state_bar/widgets.py" line="91"/>
        <source>Not ready</source>
        <translation>示忙</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="92"/>
        <source>Ringing</source>
        <translation>振铃</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="93"/>
        <source>Talking</source>
        <translation>通话</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="94"/>
        <source>On hold</source>
        <translation>保持</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="95"/>
        <source>Wrap-up</source>
        <translation>话后整理</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="113"/>
        <source>Finish wrap-up · Ready</source>
        <translation>结束话后 · 示闲</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="135"/>
        <source>Wrap-up %1 s</source>
        <translation>话后 %1 秒</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="139"/>
        <source>Today: %1 calls · talk %2</source>
        <translation>今日：%1 通 · 通话 %2</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="148"/>
        <source>● Phone online</source>
        <translation>● 话机在线</translation>
    </message>
    <message>
        <location filename="../../agent_app/state_bar/widgets.py" line="148"/>
        <source>● Phone offline</source>
        <translation>● 话机离线</translation>
    </message>
</context>
<context>
    <name>TicketController</name>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="151"/>
        <source>Enter the caller&apos;s number.</source>
        <translation>请填写来电号码。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="154"/>
        <source>Write what the caller asked or reported before saving.</source>
        <translation>请先填写来电诉求再保存。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="160"/>
        <source>The text is too long (%1 characters, at most %2): shorten it before saving.</source>
        <translation>内容过长（%1 字，最多 %2 字），请删减后再保存。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="166"/>
        <source>The caller number is too long: at most 40 characters.</source>
        <translation>来电号码过长：最多 40 位。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="169"/>
        <source>The deadline has passed: pick a time in the future.</source>
        <translation>办理时限已过，请选择将来的时间。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="188"/>
        <source>The ticket cannot be saved: %1 (%2).</source>
        <translation>工单无法保存：%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="255"/>
        <source>The refused ticket cannot be read back; tell your shift leader.</source>
        <translation>被拒收的工单无法读回，请告知班长。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/controller.py" line="264"/>
        <source>Refused by the server: %1 Correct the ticket and save again.</source>
        <translation>服务器拒收：%1 请修改工单后重新保存。</translation>
    </message>
</context>
<context>
    <name>TicketFormWidget</name>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="62"/>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="87"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="89"/>
        <source>Caller number</source>
        <translation>来电号码</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="93"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="113"/>
        <source>Filter categories…</source>
        <translation>筛选分类…</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="121"/>
        <source>Category</source>
        <translation>分类</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="123"/>
        <source>Dispatch to</source>
        <translation>派发部门</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="125"/>
        <source>Own deadline</source>
        <translation>自定时限</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="132"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="137"/>
        <source>Serial of an earlier ticket (optional)</source>
        <translation>关联工单编号（可选）</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="138"/>
        <source>Same matter as</source>
        <translation>关联工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="95"/>
        <source>New caller</source>
        <translation>新来电人</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="99"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="101"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="106"/>
        <source>What the caller asked or reported…</source>
        <translation>来电人咨询或反映的内容…</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="70"/>
        <source>New ticket</source>
        <translation>新建工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="71"/>
        <source>Save ticket</source>
        <translation>保存工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="74"/>
        <source>Save the ticket (Ctrl+S)</source>
        <translation>保存工单（Ctrl+S）</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="80"/>
        <source>Restore the refused ticket</source>
        <translation>恢复被拒收的工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="81"/>
        <source>Put the refused ticket back into this form to correct it</source>
        <translation>把被拒收的工单放回表单中修改</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="172"/>
        <source>Consultation</source>
        <translation>咨询</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="173"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="174"/>
        <source>Suggestion</source>
        <translation>建议</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="175"/>
        <source>Report</source>
        <translation>举报</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="176"/>
        <source>Praise</source>
        <translation>表扬</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="177"/>
        <source>Help request</source>
        <translation>求助</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="212"/>
        <source>— not dispatched —</source>
        <translation>— 不派发 —</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="219"/>
        <source>— choose a template —</source>
        <translation>— 选择模板 —</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="313"/>
        <source>Serial %1 — read it to the caller</source>
        <translation>工单编号 %1 — 请告知来电人</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="314"/>
        <source>Ticket %1 saved.</source>
        <translation>工单 %1 已保存。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="320"/>
        <source>Saved on this PC; it will be sent to the server when it is reachable. Tell the caller the serial number will follow by SMS.</source>
        <translation>已保存在本机，服务器恢复后自动提交。请告知来电人工单编号将以短信发送。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="335"/>
        <source>The server refused this ticket: %1 Correct it and save again.</source>
        <translation>服务器拒收了这张工单：%1 请修改后重新保存。</translation>
    </message>
    <message>
        <location filename="../../agent_app/tickets/widgets.py" line="338"/>
        <source>The server refused the ticket for %2: %1 It is kept on this PC; restore it to correct it.</source>
        <translation>服务器拒收了来电 %2 的工单：%1 工单仍保存在本机，可恢复后修改。</translation>
    </message>
</context>
<context>
    <name>TransferPicker</name>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="64"/>
        <location filename="../../agent_app/softphone/widgets.py" line="105"/>
        <source>Transfer to</source>
        <translation>转接至</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="69"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="75"/>
        <source>Search name, work number, department…</source>
        <translation>搜索姓名、工号、部门…</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="82"/>
        <source>Blind transfer</source>
        <translation>直接转接</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="83"/>
        <source>Consult first</source>
        <translation>先咨询</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="84"/>
        <source>Invite</source>
        <translation>邀请</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="105"/>
        <source>Add to the conference</source>
        <translation>加入会议</translation>
    </message>
    <message>
        <location filename="../../agent_app/softphone/widgets.py" line="174"/>
        <source>Number · %1</source>
        <translation>号码 · %1</translation>
    </message>
</context>
<context>
    <name>WorkListsController</name>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="127"/>
        <source>Ticket overdue</source>
        <translation>工单已超期</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="127"/>
        <source>%1 tickets overdue</source>
        <translation>%1 张工单已超期</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="128"/>
        <source>Ticket falls due soon</source>
        <translation>工单即将到期</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="128"/>
        <source>%1 tickets fall due soon</source>
        <translation>%1 张工单即将到期</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="143"/>
        <source>New call-back</source>
        <translation>新的回拨任务</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/controller.py" line="146"/>
        <source>New voicemail</source>
        <translation>新的留言</translation>
    </message>
</context>
<context>
    <name>WorkListsWidget</name>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Number</source>
        <translation>号码</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <source>Attempts</source>
        <translation>回拨次数</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <source>Since</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="64"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="68"/>
        <location filename="../../agent_app/worklists/widgets.py" line="84"/>
        <source>Call back</source>
        <translation>回拨</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="69"/>
        <location filename="../../agent_app/worklists/widgets.py" line="85"/>
        <source>Mark done</source>
        <translation>标记完成</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="74"/>
        <source>Callbacks</source>
        <translation>回拨</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Left at</source>
        <translation>留言时间</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="79"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="83"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="90"/>
        <source>Voicemails</source>
        <translation>留言</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="97"/>
        <source>SLA</source>
        <translation>时限</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="98"/>
        <source>Serial</source>
        <translation>工单编号</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="99"/>
        <source>Caller</source>
        <translation>来电人</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="100"/>
        <source>Content</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="101"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="102"/>
        <source>Deadline</source>
        <translation>办理时限</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="107"/>
        <source>My tickets</source>
        <translation>我的工单</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="108"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="145"/>
        <source>Callbacks (%1)</source>
        <translation>回拨（%1）</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="149"/>
        <source>Hung up in the queue</source>
        <translation>排队中挂机</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="150"/>
        <source>Asked to be called back</source>
        <translation>要求回电</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="151"/>
        <source>Left a voicemail</source>
        <translation>已留言</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="156"/>
        <source>New</source>
        <translation>新</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="157"/>
        <source>Heard</source>
        <translation>已听</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="158"/>
        <location filename="../../agent_app/worklists/widgets.py" line="187"/>
        <source>Done</source>
        <translation>已办结</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="178"/>
        <source>Voicemails (%1 new)</source>
        <translation>留言（%1 条新）</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="182"/>
        <source>On time</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="183"/>
        <source>Due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="184"/>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="188"/>
        <source>Visited</source>
        <translation>已回访</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="189"/>
        <source>Closed</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../agent_app/worklists/widgets.py" line="214"/>
        <source>My tickets (%1 overdue)</source>
        <translation>我的工单（%1 张超期）</translation>
    </message>
</context>
</TS>
