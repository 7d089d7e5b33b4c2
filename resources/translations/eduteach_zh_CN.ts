<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="188"/>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="263"/>
        <source>EduTeach is already open</source>
        <translation>EduTeach 已经打开了</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="264"/>
        <source>EduTeach is already open on this computer. Look for its window on the task bar.</source>
        <translation>EduTeach 已经在这台电脑上打开了。请在屏幕下方的任务栏里找到它的窗口。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="272"/>
        <source>EduTeach cannot start</source>
        <translation>EduTeach 无法启动</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="82"/>
        <source>Attendance</source>
        <translation>点名</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="83"/>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="92"/>
        <source>Everyone is present. Click a pupil to mark absent → late → on leave. Keys: arrows to move, A absent, L late, Q on leave, P present.</source>
        <translation>默认全部出勤。点一下学生：缺席 → 迟到 → 请假。键盘：方向键移动，A 缺席，L 迟到，Q 请假，P 出勤。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="120"/>
        <source>Start a class on the Today screen first, then take attendance.</source>
        <translation>请先在“今天”页面开始上课，再点名。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="145"/>
        <source>This class has ended: changes are sent as corrections.</source>
        <translation>这节课已经结束：修改会作为更正记录上报。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="151"/>
        <source>No pupils in these grades yet. Import the class list under “Pupils”.</source>
        <translation>这些年级还没有学生名单。请在“学生名单”里导入。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="218"/>
        <source>%1 pupils: %2 present, %3 absent, %4 late, %5 on leave</source>
        <translation>%1 名学生：%2 人出勤，%3 人缺席，%4 人迟到，%5 人请假</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="246"/>
        <source>Attendance not saved</source>
        <translation>点名没有保存</translation>
    </message>
</context>
<context>
    <name>Classroom</name>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="129"/>
        <source>The class could not be started</source>
        <translation>无法开始上课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="147"/>
        <source>The class could not be ended</source>
        <translation>无法下课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="156"/>
        <source>The lesson could not be opened</source>
        <translation>无法打开这节课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="178"/>
        <source>Lesson not found</source>
        <translation>找不到这节课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="179"/>
        <source>This lesson is no longer in the catalog.</source>
        <translation>这节课已经不在课程目录里了。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="238"/>
        <source>The lesson could not be checked</source>
        <translation>无法检查这节课的文件</translation>
    </message>
</context>
<context>
    <name>DrawingsDialog</name>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="52"/>
        <source>Drawings of this class</source>
        <translation>本节课的批注</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="60"/>
        <source>Pages drawn on in this class, saved as pictures. They stay on this computer: they are never uploaded or exported.</source>
        <translation>这节课上画过批注的页面，已保存为图片。图片只留在这台电脑上，不会上报，也不会导出。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="77"/>
        <source>Open in the picture viewer</source>
        <translation>用看图软件打开</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="80"/>
        <source>Delete this picture</source>
        <translation>删除这张图片</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="83"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="109"/>
        <source>Picture %1</source>
        <translation>第 %1 张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="111"/>
        <source>Page %1</source>
        <translation>第 %1 页</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="112"/>
        <source>Video still</source>
        <translation>视频画面</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="137"/>
        <source>Delete this picture?</source>
        <translation>删除这张图片吗？</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="138"/>
        <source>The picture is deleted from this computer and cannot be brought back.</source>
        <translation>图片将从这台电脑上删除，删除后无法找回。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="160"/>
        <source>The picture is open in another program, such as the picture viewer. Close it and try again.</source>
        <translation>这张图片正在被其他程序（例如看图软件）打开。请先关闭它，再试一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="163"/>
        <source>Picture not deleted</source>
        <translation>图片没有删除</translation>
    </message>
</context>
<context>
    <name>EduTeachApp</name>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="109"/>
        <source>Importing the demo lessons…</source>
        <translation>正在导入示例课程…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="120"/>
        <source>Some demo lessons were not imported</source>
        <translation>有些示例课程没有导入成功</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="121"/>
        <source>The other lessons can be used as usual.</source>
        <translation>其他课程可以照常使用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="129"/>
        <source>The demo lessons were not imported</source>
        <translation>示例课程没有导入成功</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="137"/>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="65"/>
        <source>Connect to the county lesson service</source>
        <translation>连接县里的课程服务</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="67"/>
        <source>With the county&apos;s address and a one-time code, this computer gets new lessons and sends its class records. Without a network, choose Offline only: the demo lessons and lessons from a USB stick still work.</source>
        <translation>填上县里给的地址和一次性注册码，这台电脑就能收到新课程，并把上课记录传给县里。没有网络时请选“只离线使用”：示范课和U盘里的课程照样能用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="70"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="71"/>
        <source>One-time code</source>
        <translation>一次性注册码</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="72"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="73"/>
        <source>Offline only</source>
        <translation>只离线使用</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="99"/>
        <source>Enter both the address and the one-time code.</source>
        <translation>请把地址和一次性注册码都填上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="104"/>
        <source>Connecting to %1 …</source>
        <translation>正在连接 %1 ……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="114"/>
        <source>Connected. This computer now belongs to %1.</source>
        <translation>已连接。这台电脑现在属于 %1。</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="20"/>
        <source>The computer&apos;s disk is full. Delete some old files, or ask the technician for help, then try again.</source>
        <translation>电脑的磁盘满了。请删除一些不用的旧文件，或请技术老师帮忙，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="26"/>
        <source>EduTeach cannot write to its data folder (it is read-only). Ask the technician to check the folder.</source>
        <translation>EduTeach 无法写入它的数据文件夹（文件夹是只读的）。请技术老师检查一下这个文件夹。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="32"/>
        <source>The data folder is on a network drive, where the lesson database can be damaged. Choose a folder on this computer&apos;s own disk.</source>
        <translation>数据文件夹在网络驱动器上，课程数据库在那里可能会损坏。请选择这台电脑自己硬盘上的文件夹。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="38"/>
        <source>The data folder&apos;s path is too long for Windows. Choose a folder with a shorter path, such as D:\EduTeach.</source>
        <translation>数据文件夹的路径太长，Windows 无法使用。请选择路径较短的文件夹，例如 D:\EduTeach。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="44"/>
        <source>This computer was connected to the county service under another Windows account. Connect it again in Settings.</source>
        <translation>这台电脑是用另一个 Windows 账户连接县里的课程服务的。请在“设置”中重新连接。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="50"/>
        <source>Another program (often the antivirus) is using a lesson file. Wait a minute and try again.</source>
        <translation>另一个程序（通常是杀毒软件）正在使用课程文件。请等一分钟后再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="56"/>
        <source>The lesson database is busy. Wait a moment and try again.</source>
        <translation>课程数据库正忙，请稍等一会儿再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="58"/>
        <source>The lesson database is damaged. Ask the technician to repair it; your lessons can be downloaded again.</source>
        <translation>课程数据库损坏了。请技术老师修复；课程可以重新下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="64"/>
        <source>EduTeach cannot open its lesson database. Ask the technician to check the data folder (run “eduteach doctor”).</source>
        <translation>EduTeach 打不开课程数据库。请技术员检查数据文件夹（运行“eduteach doctor”）。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="70"/>
        <source>The disk failed while EduTeach was reading or writing. If a USB stick was pulled out, put it back; otherwise ask the technician to check the disk.</source>
        <translation>读写磁盘时出错。如果拔出了U盘，请重新插上；否则请技术员检查磁盘。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="76"/>
        <source>The county server cannot be reached. Check the network cable, then try again; records wait here safely.</source>
        <translation>连不上县里的服务器。请检查网线后再试；记录会安全地保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="134"/>
        <source>The county server did not accept this computer. Ask the technician to enroll it again.</source>
        <translation>县里的服务器不认这台电脑。请技术员重新注册。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="84"/>
        <source>The lesson source answered in a way EduTeach cannot use; nothing from it was used. Tell the technician.</source>
        <translation>课程来源的回应无法使用，其中的内容都没有采用。请告诉技术员。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="90"/>
        <source>EduTeach is already open. Look for its window on the task bar.</source>
        <translation>EduTeach 已经打开了。请在屏幕下方的任务栏里找到它的窗口。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="92"/>
        <source>A file of this lesson is missing or damaged. Download the lesson again.</source>
        <translation>这节课的文件丢失或损坏了。请重新下载这节课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="96"/>
        <source>A downloaded file did not pass its safety check and was not used. It will be downloaded again.</source>
        <translation>有一个下载的文件没有通过安全检查，没有使用。它会重新下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="102"/>
        <source>The lesson source could not be reached. Check the network cable or the USB stick, then try again.</source>
        <translation>连不上课程来源。请检查网线或U盘，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="108"/>
        <source>This computer is not connected to the county lesson service yet.</source>
        <translation>这台电脑还没有连接县里的课程服务。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="113"/>
        <source>The transfer did not finish. It will continue next time.</source>
        <translation>传输没有完成，下次会接着进行。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="117"/>
        <source>Something went wrong: %1</source>
        <translation>出了点问题：%1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="120"/>
        <source>Something went wrong inside EduTeach (%1). It was written to the log; please tell the technician.</source>
        <translation>EduTeach 内部出了问题（%1），已记入日志。请告诉技术员。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="162"/>
        <source>The county lesson service cannot be reached. Check the address and the network cable.</source>
        <translation>连不上县里的课程服务。请检查地址和网线。</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="149"/>
        <source>This one-time code is not right. Check it for typos and try again.</source>
        <translation>这个注册码不对，请检查有没有输错，再试一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="152"/>
        <source>This one-time code has already been used. Ask the county for a new one.</source>
        <translation>这个注册码已经用过了，请向县里要一个新的。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="155"/>
        <source>This one-time code has expired. Ask the county for a new one.</source>
        <translation>这个注册码已经过期，请向县里要一个新的。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="158"/>
        <source>The county lesson service cannot be reached. Check the address and the network cable, or choose Offline only.</source>
        <translation>连不上县里的课程服务。请检查地址和网线，或者选择“只离线使用”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="165"/>
        <source>Something answered at this address, but it is not the county lesson service. Check the address.</source>
        <translation>这个地址有回应，但不是县里的课程服务。请检查地址。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="96"/>
        <source>Setting up EduTeach</source>
        <translation>设置 EduTeach</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="98"/>
        <source>&lt; Back</source>
        <translation>&lt; 上一步</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="99"/>
        <source>Next (or skip) &gt;</source>
        <translation>下一步（或跳过）&gt;</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="100"/>
        <source>Finish</source>
        <translation>完成</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="101"/>
        <source>Skip the rest</source>
        <translation>以后再设置</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="118"/>
        <source>Keys and presenter clicker</source>
        <translation>按键和翻页笔</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="50"/>
        <source>Next picture or page; forward 10 seconds</source>
        <translation>下一张图片或下一页；快进 10 秒</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="53"/>
        <source>Previous picture or page; back 10 seconds</source>
        <translation>上一张图片或上一页；后退 10 秒</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="56"/>
        <source>Space</source>
        <translation>空格键</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="56"/>
        <source>Play or pause</source>
        <translation>播放或暂停</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="58"/>
        <source>Blank screen (any key brings the lesson back)</source>
        <translation>黑屏（按任意键回到课程）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="60"/>
        <source>Projector mode (full screen, large)</source>
        <translation>投影模式（全屏，大字）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="62"/>
        <source>Presenter view: the lesson on the second screen, notes here</source>
        <translation>演示者视图：课件在第二块屏幕上，教学建议在本屏</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="64"/>
        <source>Leave projector mode; press again to close</source>
        <translation>退出投影模式；再按一次关闭</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="66"/>
        <source>A-B loop: press at A, again at B, a third time to stop</source>
        <translation>A-B 循环：在 A 处按一次，在 B 处再按一次，第三次停止循环</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="68"/>
        <source>Repeat the current sentence or line</source>
        <translation>重复当前这一句</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="70"/>
        <source>Faster (up to 1.5×)</source>
        <translation>加快（最快 1.5×）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="72"/>
        <source>Slower (down to 0.5×)</source>
        <translation>放慢（最慢 0.5×）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="74"/>
        <source>Back to the beginning</source>
        <translation>回到开头</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="76"/>
        <source>Slides: turn pages by themselves (timer)</source>
        <translation>图片：自动翻页（定时）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="78"/>
        <source>Songs: switch between the demo singing and the accompaniment</source>
        <translation>歌曲：在范唱和伴奏之间切换（从当前位置接着放）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="80"/>
        <source>Repeat after me: pause after each line for the class to say it</source>
        <translation>跟读：每句放完停一下，让学生跟着说</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="82"/>
        <source>Repeat after me: shorter pause</source>
        <translation>跟读：停顿短一些</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="84"/>
        <source>Repeat after me: longer pause</source>
        <translation>跟读：停顿长一些</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="86"/>
        <source>Pen on or off: draw on a picture, page or paused video</source>
        <translation>画笔开/关：在图片、页面或暂停的视频上批注</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="88"/>
        <source>Pen: next colour</source>
        <translation>画笔：换下一种颜色</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="90"/>
        <source>Pen: eraser on or off</source>
        <translation>画笔：橡皮擦开/关</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="92"/>
        <source>Pen: clear the drawings on this page</source>
        <translation>画笔：清除本页的批注</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="94"/>
        <source>Show the whole page again (after zooming with two fingers)</source>
        <translation>恢复显示整页（用两个手指放大之后）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="96"/>
        <source>Show or hide this help</source>
        <translation>显示或隐藏这个帮助</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="55"/>
        <source>Classes taught</source>
        <translation>上课记录</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="56"/>
        <source>Attendance of this class</source>
        <translation>这节课的点名</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="59"/>
        <source>Drawings of this class</source>
        <translation>本节课的批注</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="64"/>
        <source>Every class started in EduTeach, newest first, with the lessons played in it. These are the records the county receives.</source>
        <translation>在 EduTeach 里开始的每一节课（最新的在前）和课上播放的课程。县里收到的就是这些记录。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="74"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="74"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="74"/>
        <source>Lessons played</source>
        <translation>播放的课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="75"/>
        <source>Attendance</source>
        <translation>点名</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="75"/>
        <source>Ended</source>
        <translation>下课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="75"/>
        <source>Drawings</source>
        <translation>批注</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="87"/>
        <source>No classes yet. Start one on the Today screen.</source>
        <translation>还没有上课记录。请在“今天”页面开始上课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="107"/>
        <source>%1 present, %2 absent, %3 late, %4 on leave</source>
        <translation>出勤 %1，缺席 %2，迟到 %3，请假 %4</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="110"/>
        <source>in progress</source>
        <translation>正在上课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="111"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="112"/>
        <source>%1 pictures</source>
        <translation>%1 张图片</translation>
    </message>
</context>
<context>
    <name>InkBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="87"/>
        <source>Pen</source>
        <translation>画笔</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="89"/>
        <source>Draw on the lesson with a pen, a finger or the mouse (D)</source>
        <translation>用触控笔、手指或鼠标在课件上批注（D 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="97"/>
        <source>Red</source>
        <translation>红色</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="97"/>
        <source>Blue</source>
        <translation>蓝色</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="97"/>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="98"/>
        <source>Yellow</source>
        <translation>黄色</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="98"/>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="104"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="106"/>
        <source>Rub out a line by touching it (E)</source>
        <translation>碰一下线条就能擦掉它（E 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="107"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="108"/>
        <source>Remove all drawings from this page (Delete)</source>
        <translation>清除本页所有批注（Delete 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="109"/>
        <source>Save drawings</source>
        <translation>保存批注</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="110"/>
        <source>Keep the drawn pages as pictures with this class</source>
        <translation>把画过批注的页面保存为图片，随本节课保存</translation>
    </message>
</context>
<context>
    <name>InkController</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="320"/>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="346"/>
        <source>Drawings not saved</source>
        <translation>批注没有保存</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="321"/>
        <source>Drawings are kept with a class. Start a class on the Today screen, then save.</source>
        <translation>批注要随一节课保存。请先在“今天”页面开始上课，再保存。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="331"/>
        <source>Saving the drawings…</source>
        <translation>正在保存批注……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="336"/>
        <source>Saved %1 pictures with this class (see Class history).</source>
        <translation>已保存 %1 张批注图片，随本节课保存（见“上课记录”）。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="354"/>
        <source>Keep the drawings?</source>
        <translation>保留批注吗？</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="355"/>
        <source>You drew on this lesson. Save the drawn pages as pictures with this class?</source>
        <translation>您在这节课件上画了批注。要把画过的页面保存为图片，随本节课保存吗？</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="20"/>
        <source>Grade 1</source>
        <translation>一年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="21"/>
        <source>Grade 2</source>
        <translation>二年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="22"/>
        <source>Grade 3</source>
        <translation>三年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="24"/>
        <source>Grade %1</source>
        <translation>%1年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="29"/>
        <source>Chinese</source>
        <translation>语文</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="30"/>
        <source>Mathematics</source>
        <translation>数学</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="31"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="32"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="33"/>
        <source>Art</source>
        <translation>美术</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="34"/>
        <source>Morality and Law</source>
        <translation>道德与法治</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="35"/>
        <source>Science</source>
        <translation>科学</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="36"/>
        <source>Physical Education</source>
        <translation>体育</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="42"/>
        <source>Volume 1</source>
        <translation>上册</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="42"/>
        <source>Volume 2</source>
        <translation>下册</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="47"/>
        <source>Unit %1</source>
        <translation>第%1单元</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="53"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="54"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="55"/>
        <source>Slides</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="56"/>
        <source>PDF</source>
        <translation>PDF 文档</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="87"/>
        <source>Monday</source>
        <translation>星期一</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="88"/>
        <source>Tuesday</source>
        <translation>星期二</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="89"/>
        <source>Wednesday</source>
        <translation>星期三</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="90"/>
        <source>Thursday</source>
        <translation>星期四</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="91"/>
        <source>Friday</source>
        <translation>星期五</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="92"/>
        <source>Saturday</source>
        <translation>星期六</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="93"/>
        <source>Sunday</source>
        <translation>星期日</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="99"/>
        <source>Period %1</source>
        <translation>第%1节</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="107"/>
        <source>Grades %1</source>
        <translation>%1 年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="112"/>
        <source>Present</source>
        <translation>出勤</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="113"/>
        <source>Absent</source>
        <translation>缺席</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="114"/>
        <source>Late</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="115"/>
        <source>On leave</source>
        <translation>请假</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="121"/>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="129"/>
        <source>less than a minute</source>
        <translation>不到一分钟</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="131"/>
        <source>about %1 min</source>
        <translation>大约 %1 分钟</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="132"/>
        <source>about %1 h</source>
        <translation>大约 %1 小时</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/language_page.py" line="33"/>
        <source>Welcome to EduTeach</source>
        <translation>欢迎使用 EduTeach</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/language_page.py" line="35"/>
        <source>A few questions to get this computer ready for class. Every step can be skipped with Next and done later in Settings.

Choose the language:</source>
        <translation>回答几个问题，这台电脑就可以上课了。每一步都可以直接点“下一步”跳过，以后在“设置”里再做。

请选择语言：</translation>
    </message>
</context>
<context>
    <name>LessonCard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="72"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="95"/>
        <source>Choose a lesson</source>
        <translation>请选择一节课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="97"/>
        <source>Open a grade and a unit on the left, click a lesson, then press Play.</source>
        <translation>在左边找到年级和单元，点一下要上的课，再按“播放”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="116"/>
        <source>On this computer, ready to play.</source>
        <translation>已在本机，可以播放。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="117"/>
        <source>Downloading now: %1 %</source>
        <translation>正在下载：%1 %</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="118"/>
        <source>Not downloaded yet. It will be downloaded at the next sync.</source>
        <translation>还没有下载。下次同步课程时会自动下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="120"/>
        <source>Not subscribed: choose its grade and subject under “Choose lessons to download”.</source>
        <translation>没有订阅：请在“选择要下载的课程”里勾选它的年级和学科。</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="71"/>
        <source>Downloading</source>
        <translation>正在下载</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="74"/>
        <source>Waiting to download</source>
        <translation>等待下载</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="75"/>
        <source>Not subscribed</source>
        <translation>未订阅</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="90"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="238"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="90"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="91"/>
        <source>On this PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="342"/>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="69"/>
        <source>Ready</source>
        <translation>可播放</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="101"/>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="105"/>
        <source>Search: title or pinyin, e.g. xxx for 小星星</source>
        <translation>搜索：课名或拼音，例如 xxx 找到 小星星</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="107"/>
        <source>Choose lessons to download</source>
        <translation>选择要下载的课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="131"/>
        <source>No lessons on this computer yet. Lessons come from the county education centre over the network, from a USB stick or from the satellite receiver. Open “Downloads” to see what is happening.</source>
        <translation>这台电脑上还没有课程。课程来自县电教馆：通过网络、U 盘或卫星接收。打开“下载与上报”可以看到进度。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="216"/>
        <source>%1 lessons, %2 ready on this computer.</source>
        <translation>共 %1 节课，%2 节已在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="274"/>
        <source>Preparing the search…</source>
        <translation>正在准备搜索……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="281"/>
        <source>The first %1 lessons for “%2”. Type more letters to find fewer.</source>
        <translation>“%2”的前 %1 节课。多输几个字母，可以找得更准。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="283"/>
        <source>%1 lessons found for “%2”.</source>
        <translation>“%2”找到 %1 节课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="285"/>
        <source>No lesson found for “%1”. Try fewer letters.</source>
        <translation>没有找到“%1”。试试少输几个字母。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="348"/>
        <source>Not downloaded yet</source>
        <translation>还没有下载</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="349"/>
        <source>This lesson is not on this computer yet. It will be downloaded at the next sync.</source>
        <translation>这节课还不在这台电脑上，下次同步时会自动下载。</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="38"/>
        <source>EduTeach — Lessons</source>
        <translation>EduTeach 教学点数字课堂</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="103"/>
        <source>EduTeach — Lessons</source>
        <translation>EduTeach 教学点数字课堂</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="124"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="125"/>
        <source>Lessons</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="126"/>
        <source>Attendance</source>
        <translation>点名</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="127"/>
        <source>Pupils</source>
        <translation>学生名单</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="128"/>
        <source>Class history</source>
        <translation>上课记录</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="129"/>
        <source>Downloads</source>
        <translation>下载与上报</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="130"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="182"/>
        <source>Records waiting to upload: %1</source>
        <translation>等待上报的记录：%1 条</translation>
    </message>
</context>
<context>
    <name>NeverOnline</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="41"/>
        <source>This enrollment file was changed after the county made it, so it was not used. Ask the county for a new file.</source>
        <translation>这个注册文件在县里制作之后被改动过，没有使用。请向县电教馆要一个新的注册文件。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="43"/>
        <source>This is not an EduTeach enrollment file. Copy the enrollment file (.etenroll) the county gave you.</source>
        <translation>这不是教学点数字课堂的注册文件。请复制县电教馆给的注册文件（.etenroll）。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="45"/>
        <source>The enrollment file could not be read. Copy it onto the USB stick again.</source>
        <translation>注册文件读不出来。请把它重新复制到U盘上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="47"/>
        <source>There is no enrollment file (.etenroll) on this USB stick. Copy the county&apos;s file onto it.</source>
        <translation>这个U盘上没有注册文件（.etenroll）。请把县电教馆给的文件复制到U盘上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="49"/>
        <source>This enrollment file has expired. Ask the county for a new one, or check that this computer&apos;s date is right.</source>
        <translation>这个注册文件已过期。请向县电教馆要一个新的，或检查这台电脑的日期是否正确。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="51"/>
        <source>This enrollment file is from another county than the one this computer belongs to. Use your own county&apos;s file.</source>
        <translation>这个注册文件来自别的县，不是这台电脑所属的县。请使用本县的注册文件。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="53"/>
        <source>This enrollment file is for another school. Use the file made for this school.</source>
        <translation>这个注册文件是给别的学校的。请使用为本校制作的注册文件。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="55"/>
        <source>This computer was already enrolled with this file. Nothing needs to be done.</source>
        <translation>这台电脑已经用这个文件注册过了，不需要再做什么。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="57"/>
        <source>This computer already belongs to this school. Nothing needs to be done.</source>
        <translation>这台电脑已经属于本校，不需要再做什么。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="59"/>
        <source>This computer was enrolled from a USB stick, so it needs no code: enter only the address and press Connect.</source>
        <translation>这台电脑是用U盘注册的，不需要注册码：只填地址，再按“连接”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="75"/>
        <source>These lessons are older than the ones this computer already has, so nothing was changed. Ask for a newer copy.</source>
        <translation>这些课程比这台电脑上已有的旧，所以没有做任何改动。请要一份更新的拷贝。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="78"/>
        <source>These lessons were signed by another county, so they were not used. Ask for a copy from your own county.</source>
        <translation>这些课程是别的县签发的，所以没有使用。请要一份本县的拷贝。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="81"/>
        <source>These lessons are out of date (their signature has expired). Ask the county for a fresh copy.</source>
        <translation>这些课程已过期（签名已失效）。请向县电教馆要一份新的拷贝。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="84"/>
        <source>The lessons in this folder did not pass the safety check and were not used. Tell the technician.</source>
        <translation>这个文件夹里的课程没有通过安全检查，没有使用。请告诉技术员。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="223"/>
        <source>Enrollment file (*.etenroll)</source>
        <translation>注册文件 (*.etenroll)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="223"/>
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="374"/>
        <source>Enrolled from a USB stick as %1 (%2). Lessons come by USB stick or satellite; records go to the county on a USB stick.</source>
        <translation>已用U盘注册为 %1（%2）。课程通过U盘或卫星接收；上课记录用U盘交给县里。</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/notes_view.py" line="84"/>
        <source>For the whole lesson</source>
        <translation>整节课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/notes_view.py" line="95"/>
        <source>No notes for this lesson.</source>
        <translation>这节课没有教学建议。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/notes_view.py" line="136"/>
        <source>(picture)</source>
        <translation>（图片）</translation>
    </message>
</context>
<context>
    <name>PagedBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="167"/>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="168"/>
        <source>Previous picture (Page Up)</source>
        <translation>上一张图片（PageUp 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="169"/>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="170"/>
        <source>Next picture (Page Down)</source>
        <translation>下一张图片（PageDown 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="174"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="191"/>
        <source>Timer: off</source>
        <translation>定时翻页：关</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="175"/>
        <source>Turn pictures by themselves (T key)</source>
        <translation>自动翻页（T 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="182"/>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="182"/>
        <source>Picture %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="189"/>
        <source>Timer: %1 s</source>
        <translation>定时翻页：%1 秒</translation>
    </message>
</context>
<context>
    <name>PeriodCard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="98"/>
        <source>No lesson of this subject and grade on this computer yet.</source>
        <translation>这台电脑上还没有这个年级和学科的课程。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="102"/>
        <source>(not downloaded yet)</source>
        <translation>（还没有下载）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="109"/>
        <source>Teach another lesson in this period</source>
        <translation>这节课换一课来上</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="110"/>
        <source>Change lesson…</source>
        <translation>换一课……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="143"/>
        <source>Play 《%1》</source>
        <translation>播放《%1》</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="147"/>
        <source>Class in progress</source>
        <translation>正在上课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="150"/>
        <source>Taught ✓  Start again</source>
        <translation>已上完 ✓ 再上一次</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="154"/>
        <source>Start class</source>
        <translation>上课</translation>
    </message>
</context>
<context>
    <name>PlayerWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="96"/>
        <source>%1 — EduTeach</source>
        <translation>%1 — EduTeach</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="110"/>
        <source>Download this lesson again</source>
        <translation>重新下载这节课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="155"/>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="156"/>
        <source>Keys and clicker (F1)</source>
        <translation>按键和翻页笔（F1）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="158"/>
        <source>Projector</source>
        <translation>投影</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="159"/>
        <source>Full screen, large text (F5)</source>
        <translation>全屏大字（F5）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="161"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="162"/>
        <source>Close the lesson (Esc)</source>
        <translation>关闭这节课（Esc 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="198"/>
        <source>The lesson file is missing or damaged, so it cannot be played. Press the button below to download it again; it is checked before use.</source>
        <translation>这节课的文件丢失或损坏了，所以不能播放。请按下面的按钮重新下载；下载后会先检查再使用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="203"/>
        <source>The lesson file is missing or damaged, so it cannot be played. Download the lesson again, or ask the technician for help.</source>
        <translation>这节课的文件丢失或损坏了，无法播放。请重新下载这节课，或请技术老师帮忙。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="207"/>
        <source>This lesson cannot be played</source>
        <translation>这节课无法播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="218"/>
        <source>Downloading the lesson again in the background. You can close this window; the lesson can be played as soon as it is ready.</source>
        <translation>正在后台重新下载这节课。可以先关掉这个窗口，下载好就能播放。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="384"/>
        <source>This lesson was played, but the record of it could not be saved.</source>
        <translation>这节课已经播放了，但播放记录没能保存。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="389"/>
        <source>Record not saved</source>
        <translation>记录没有保存</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="143"/>
        <source>Presenter view</source>
        <translation>演示者视图</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="144"/>
        <source>Connect a projector or a second screen, set it to extend this screen (not to duplicate it), and press P again.</source>
        <translation>请接上投影仪或第二块屏幕，把显示方式设为“扩展”（不是“复制”），然后再按 P。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="308"/>
        <source>This is the last one.</source>
        <translation>这是最后一张。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="330"/>
        <source>Played %1</source>
        <translation>已播放 %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="332"/>
        <source>Left %1</source>
        <translation>还剩 %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="334"/>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="340"/>
        <source>Class time %1</source>
        <translation>已上课 %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="342"/>
        <source>No class started</source>
        <translation>还没有开始上课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="349"/>
        <source>This lesson has no lyrics or subtitles.</source>
        <translation>这节课没有歌词或字幕。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="351"/>
        <source>This is the last line.</source>
        <translation>这是最后一句。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="356"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="359"/>
        <source>This page (%1)</source>
        <translation>这一页（第 %1 页）</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="31"/>
        <source>%1 — presenter view</source>
        <translation>%1 — 演示者视图</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="45"/>
        <source>One screen</source>
        <translation>单屏显示</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="46"/>
        <source>Show the lesson on this screen only (P)</source>
        <translation>只在这块屏幕上显示课件（P）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="48"/>
        <source>Close lesson</source>
        <translation>关闭课件</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="56"/>
        <source>Teaching notes</source>
        <translation>教学建议</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="63"/>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="82"/>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="80"/>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="81"/>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="107"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="83"/>
        <source>Blank screen</source>
        <translation>黑屏</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="107"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>RepeatAfterMe</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="89"/>
        <source>Repeat after me</source>
        <translation>跟读</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="92"/>
        <source>Pause after each line so the class can say it again (G key)</source>
        <translation>每句放完停一下，让学生跟着说（G 键）</translation>
    </message>
</context>
<context>
    <name>RepeatPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="46"/>
        <source>Shorter pause</source>
        <translation>停顿短些</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="47"/>
        <source>Less time to repeat each line ([ key)</source>
        <translation>每句留给学生跟读的时间短一些（[ 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="50"/>
        <source>Longer pause</source>
        <translation>停顿长些</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="51"/>
        <source>More time to repeat each line (] key)</source>
        <translation>每句留给学生跟读的时间长一些（] 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="52"/>
        <source>Go on</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="53"/>
        <source>Do not wait: play the next line now (Page Down)</source>
        <translation>不用等了，马上放下一句（Page Down 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="60"/>
        <source>Repeat after me: listen to the line, then say it</source>
        <translation>跟读：先听这一句，再跟着说</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="65"/>
        <source>Your turn! Going on in %1 s</source>
        <translation>请跟读！%1 秒后继续</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="70"/>
        <source>Pause %1×</source>
        <translation>停顿 %1×</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="314"/>
        <source>Pupils</source>
        <translation>学生名单</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="320"/>
        <source>Import class list…</source>
        <translation>导入学生名单……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="327"/>
        <source>Import the class list exported from the student registry (Excel .xlsx or CSV) with columns such as 姓名, 性别, 学籍号, 年级, 班级. It replaces the list of each grade in the file. Names stay on this computer.</source>
        <translation>导入从学籍系统导出的学生名单（Excel .xlsx 或 CSV），包含 姓名、性别、学籍号、年级、班级 等列。文件里每个年级的名单会被替换。学生姓名只保存在这台电脑上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Registry number</source>
        <translation>学籍号</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Class</source>
        <translation>班级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="356"/>
        <source>%1 pupils in %2</source>
        <translation>%2 共 %1 名学生</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="361"/>
        <source>Choose the class list</source>
        <translation>选择学生名单文件</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="362"/>
        <source>Class lists (*.xlsx *.csv);;All files (*)</source>
        <translation>学生名单 (*.xlsx *.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="379"/>
        <source>Import %1 pupils into %2? The current lists of these grades are replaced.</source>
        <translation>把 %1 名学生导入到 %2？这些年级现在的名单会被替换。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="381"/>
        <source>Import class list</source>
        <translation>导入学生名单</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="387"/>
        <source>The class list was not imported</source>
        <translation>学生名单没有导入</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="397"/>
        <source>This file could not be read. Save it from Excel as .xlsx or .csv and try again.</source>
        <translation>这个文件读不出来。请在 Excel 里另存为 .xlsx 或 .csv 后再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="398"/>
        <source>Old Excel files (.xls) cannot be read. Save it as .xlsx and try again.</source>
        <translation>旧版 Excel 文件（.xls）读不出来。请另存为 .xlsx 后再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="399"/>
        <source>No column 姓名 (name) was found in the first rows of the file.</source>
        <translation>文件前几行里没有找到“姓名”这一列。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="400"/>
        <source>The file has no 年级 (grade) column.</source>
        <translation>文件里没有“年级”这一列。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="401"/>
        <source>The file has no pupils in it.</source>
        <translation>文件里没有学生。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="402"/>
        <source>The file has too many rows for one teaching point.</source>
        <translation>文件的行数太多，不像是一个教学点的名单。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="406"/>
        <source>Nothing was imported. Correct these rows in %1 and import again:</source>
        <translation>没有导入任何学生。请在 %1 里改正这些行，再导入一次：</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="409"/>
        <source>Line %1: </source>
        <translation>第 %1 行：</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="411"/>
        <source>… and %1 more.</source>
        <translation>……还有 %1 处。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="416"/>
        <source>The name is empty.</source>
        <translation>姓名是空的。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="417"/>
        <source>The grade “%1” is not grade 1, 2 or 3.</source>
        <translation>年级“%1”不是一、二、三年级。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="418"/>
        <source>The grade is empty.</source>
        <translation>年级是空的。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="419"/>
        <source>The gender “%1” is not 男 or 女.</source>
        <translation>性别“%1”不是“男”或“女”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="420"/>
        <source>The registry number “%1” has characters that do not belong there.</source>
        <translation>学籍号“%1”里有不该有的字符。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="421"/>
        <source>The registry number %1 appears twice in the file.</source>
        <translation>学籍号 %1 在文件里出现了两次。</translation>
    </message>
</context>
<context>
    <name>SatelliteFolderPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="316"/>
        <source>Choose the receive folder…</source>
        <translation>选择接收文件夹…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="318"/>
        <source>Stop watching</source>
        <translation>停止接收</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="336"/>
        <source>Choose the folder the satellite receiver writes to</source>
        <translation>选择卫星接收软件保存文件的文件夹</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="348"/>
        <source>No satellite folder is watched. If a satellite receiver writes lessons to this computer, choose its folder: lessons are checked and added as they arrive.</source>
        <translation>还没有设置卫星接收文件夹。如果这台电脑有卫星接收软件，请选择它保存文件的文件夹：课程一到就会检查并加入课程库。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="352"/>
        <source>Watching %1: lessons are checked and added as they arrive.</source>
        <translation>正在接收 %1：课程一到就会检查并加入课程库。</translation>
    </message>
</context>
<context>
    <name>SatelliteWatch</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="277"/>
        <source>Receiving lessons from the satellite folder…</source>
        <translation>正在从卫星接收文件夹接收课程…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="294"/>
        <source>Receiving… %1 of %2 lessons are complete and can be used now; the rest arrive with the next satellite reception.</source>
        <translation>接收中… %2 节课中已有 %1 节完整，现在就能用；其余的随下次卫星接收到达。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="298"/>
        <source>All %1 lessons from the satellite are complete.</source>
        <translation>卫星发来的 %1 节课已全部接收完整。</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="53"/>
        <source>Attendance</source>
        <translation>点名</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="54"/>
        <source>End class</source>
        <translation>下课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="71"/>
        <source>In class: %1 · %2 · lessons played: %3</source>
        <translation>正在上课：%1 · %2 · 已播放：%3 节</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="63"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="65"/>
        <source>County lesson service</source>
        <translation>县电教馆课程服务</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="68"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="72"/>
        <source>One-time code</source>
        <translation>一次性注册码</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="74"/>
        <source>from the education centre</source>
        <translation>由电教馆提供</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="76"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="86"/>
        <source>No network: USB stick and satellite</source>
        <translation>没有网络：U盘和卫星</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="95"/>
        <source>Downloading</source>
        <translation>下载</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="96"/>
        <source>Speed limit</source>
        <translation>限速</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="99"/>
        <source>No limit</source>
        <translation>不限速</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="101"/>
        <source>Leave the rest of the link to the village.</source>
        <translation>把其余的网速留给村里其他人用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="103"/>
        <source>Download only between</source>
        <translation>只在这段时间下载：从</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="111"/>
        <source>and</source>
        <translation>到</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="117"/>
        <source>PCs nearby</source>
        <translation>附近的电脑</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="118"/>
        <source>Share my lessons with PCs nearby</source>
        <translation>与附近的电脑共享课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="120"/>
        <source>For a central school PC that stays on: the teaching points on the same network get lessons from it instead of the county link. Only verified lessons are shared, never records.</source>
        <translation>适合一直开着的中心校电脑：同一网络里的教学点从这台电脑取课程，不再占用县里的线路。只共享校验过的课程，从不共享记录。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="123"/>
        <source>Get lessons from PCs nearby first</source>
        <translation>先从附近的电脑获取课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="131"/>
        <source>Storage</source>
        <translation>存储</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="134"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="136"/>
        <source>Space</source>
        <translation>空间</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="143"/>
        <source>Language and text size</source>
        <translation>语言和字号</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="144"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="149"/>
        <source>Text size</source>
        <translation>字号</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="154"/>
        <source>The language changes at the next start of EduTeach.</source>
        <translation>语言在下次打开 EduTeach 时生效。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="160"/>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="194"/>
        <source>Connected to %1 as %2 (%3).</source>
        <translation>已连接 %1，学校：%2（%3）。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="197"/>
        <source>Not connected yet. Enter the address and the one-time code from the county education centre.</source>
        <translation>还没有连接。请输入县电教馆提供的地址和一次性注册码。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="220"/>
        <source>Lessons use %1; %2 free on this disk.</source>
        <translation>课程占用 %1；这块硬盘还剩 %2。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="242"/>
        <source>Sharing now: PCs nearby can find this computer.</source>
        <translation>正在共享：附近的电脑可以找到这台电脑。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="252"/>
        <source>Saved.</source>
        <translation>已保存。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="267"/>
        <source>Enter both the address and the code.</source>
        <translation>请同时输入地址和注册码。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="270"/>
        <source>Connecting…</source>
        <translation>正在连接……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="284"/>
        <source>Connected. This computer now belongs to %1.</source>
        <translation>已连接。这台电脑现在属于 %1。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="291"/>
        <source>Not connected: %1</source>
        <translation>没有连接上：%1</translation>
    </message>
</context>
<context>
    <name>ShareSwitch</name>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_share.py" line="64"/>
        <source>Sharing could not start: another program may use port 8765. Restart this computer, or ask the technician.</source>
        <translation>无法开始共享：可能有别的程序占用了端口 8765。请重启电脑，或联系技术员。</translation>
    </message>
</context>
<context>
    <name>SlidesPlayback</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/paged.py" line="109"/>
        <source>This picture could not be opened. Download the lesson again.</source>
        <translation>这张图片打不开。请重新下载这节课。</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="53"/>
        <source>Where lessons are kept</source>
        <translation>课程存放的位置</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="55"/>
        <source>Lessons take a few gigabytes. Keep them on the drive with the most free space.</source>
        <translation>课程要占几个 GB，请放在剩余空间最多的磁盘上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="56"/>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="57"/>
        <source>Free space: %1</source>
        <translation>剩余空间：%1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="59"/>
        <source>Choose another folder…</source>
        <translation>换一个文件夹……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="62"/>
        <source>A new folder is used after EduTeach is restarted; the wizard then continues there.</source>
        <translation>新的文件夹在重新打开 EduTeach 后才开始使用，向导会在那里接着进行。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="66"/>
        <source>To keep the lessons somewhere else, start EduTeach with --data-dir FOLDER.</source>
        <translation>如果要把课程放到别处，请用 --data-dir 文件夹 参数启动 EduTeach。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="69"/>
        <source>Saved. Press Finish, then open EduTeach again: it will use %1.</source>
        <translation>已保存。请点“完成”，再重新打开 EduTeach，它会使用 %1。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="73"/>
        <source>Choose the folder for the lessons</source>
        <translation>选择存放课程的文件夹</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="91"/>
        <source>The folder could not be saved: %1</source>
        <translation>没能保存这个文件夹：%1</translation>
    </message>
</context>
<context>
    <name>SubjectsPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="157"/>
        <source>No grade chosen: nothing changes now (all lessons stay wanted). Choose later under Lessons → Choose lessons to download.</source>
        <translation>还没有选年级：现在不做改动（全部课程都会下载）。以后可以在“课程 → 选择要下载的课程”里选。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="162"/>
        <source>To download: %1 lessons, %2</source>
        <translation>要下载：%1 节课，共 %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="166"/>
        <source>Grades and textbooks</source>
        <translation>年级和教材</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="168"/>
        <source>Tick the grades this school teaches and pick the textbook edition of each subject. Only those lessons are downloaded.</source>
        <translation>勾选本校开设的年级，并为每个科目选择所用的教材版本。只下载这些课程。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="171"/>
        <source>Reading the list of lessons…</source>
        <translation>正在读取课程目录……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="172"/>
        <source>There is no list of lessons on this computer yet. Skip this step: when the first lessons have arrived, choose under Lessons → Choose lessons to download.</source>
        <translation>这台电脑上还没有课程目录。请跳过这一步：等第一批课程到了，再在“课程 → 选择要下载的课程”里选。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="180"/>
        <source>Grades</source>
        <translation>年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="181"/>
        <source>Textbook edition of each subject</source>
        <translation>各科教材版本</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="186"/>
        <source>Not taught</source>
        <translation>不开设</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="187"/>
        <source>All editions</source>
        <translation>所有版本</translation>
    </message>
</context>
<context>
    <name>SubscriptionPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="49"/>
        <source>Tick the books this school uses. Only those lessons are downloaded; lessons of books you untick are removed at the next sync to free space.</source>
        <translation>勾选本校使用的教材。只下载这些课程；取消勾选的教材会在下次同步时删除，腾出空间。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="57"/>
        <source>A new list of lessons is arriving from the county: these are its books.</source>
        <translation>县里正在发来新的课程目录：下面是新目录里的教材。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="64"/>
        <source>Use the county&apos;s choice</source>
        <translation>恢复县里选定的教材</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="78"/>
        <source>Save and download</source>
        <translation>保存并下载</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="81"/>
        <source>Back to the lessons</source>
        <translation>返回课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="105"/>
        <source>The county education centre chose the textbook editions of this school: they are ticked. If you tick others and save, your choice is kept instead.</source>
        <translation>县电教馆为本校选定了教材版本，已为您勾选。您改选并保存后，以您的选择为准。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="109"/>
        <source>These are the books you chose. The county education centre has also chosen editions for this school.</source>
        <translation>这是您自己选定的教材。县电教馆也为本校选定了教材版本。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="131"/>
        <source>%1 lessons, %2</source>
        <translation>%1 节课，%2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="147"/>
        <source>To download: %1. Free space on this computer: %2.</source>
        <translation>要下载：%1。这台电脑还剩：%2。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="150"/>
        <source>There is not enough space: untick some books.</source>
        <translation>空间不够：请取消勾选一些教材。</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="53"/>
        <source>Downloads and records</source>
        <translation>下载与上报</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="60"/>
        <source>New lessons</source>
        <translation>新课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="71"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="72"/>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="74"/>
        <source>Look for new lessons now</source>
        <translation>现在查找新课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="89"/>
        <source>Records for the county</source>
        <translation>上报给县里的记录</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="94"/>
        <source>Send records now</source>
        <translation>现在上报</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="129"/>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="151"/>
        <source>Paused. Press Continue to go on from where it stopped.</source>
        <translation>已暂停。按“继续”从停下的地方接着下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="131"/>
        <source>Paused because this network is paid by the amount of data (mobile data). It continues on a normal network.</source>
        <translation>已暂停：现在的网络按流量收费（手机流量）。连上普通网络后会自动继续。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="140"/>
        <source>Looking for new lessons…</source>
        <translation>正在查找新课程……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="143"/>
        <source>Downloading 《%1》 (lesson %2 of %3)</source>
        <translation>正在下载《%1》（第 %2 节，共 %3 节）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="147"/>
        <source>Making the new lessons ready…</source>
        <translation>正在启用新课程……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="149"/>
        <source>All chosen lessons are on this computer.</source>
        <translation>选好的课程都已经在这台电脑上了。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="153"/>
        <source>Waiting for the download hours set in Settings (%1).</source>
        <translation>等待设置里的下载时段（%1）。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="156"/>
        <source>Some lessons could not be downloaded this time. EduTeach tries again later by itself.</source>
        <translation>这次有些课程没有下载完。EduTeach 稍后会自动再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="159"/>
        <source>Starting…</source>
        <translation>正在开始……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="160"/>
        <source>Nothing is downloading now.</source>
        <translation>现在没有在下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="166"/>
        <source>The lessons offered are older than the ones on this computer, so nothing was changed.</source>
        <translation>提供的课程比这台电脑上的旧，所以什么也没有改变。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="169"/>
        <source>The county lesson service&apos;s safety signature is out of date, or this computer&apos;s date is wrong. Check the date and time; if it is right, tell the technician. The lessons already here can be used as usual.</source>
        <translation>县里课程服务的安全签名过期了，或者这台电脑的日期不对。请检查日期和时间；如果日期没错，请告诉电教技术员。已经在电脑上的课程照常可以用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="173"/>
        <source>These lessons come from another county&apos;s lesson service and were not used. Tell the technician. The lessons already here can be used as usual.</source>
        <translation>这些课程来自别的县的课程服务，没有使用。请告诉电教技术员。已经在电脑上的课程照常可以用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="176"/>
        <source>The lesson address does not lead to the county lesson service (a Wi-Fi login page may be in the way). Tell the technician. The lessons already here can be used as usual.</source>
        <translation>课程地址连不到县里的课程服务（可能被 Wi-Fi 登录页面挡住了）。请告诉电教技术员。已经在电脑上的课程照常可以用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="179"/>
        <source>The lessons offered did not pass the safety check and were not used. Tell the technician. The lessons already here can be used as usual.</source>
        <translation>提供的课程没有通过安全检查，没有使用。请告诉电教技术员。已经在电脑上的课程照常可以用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="184"/>
        <source>This computer is not connected to the county lesson service yet. Lessons can still come from a USB stick. See Settings.</source>
        <translation>这台电脑还没有连接县电教馆的课程服务。课程也可以用 U 盘拷进来。请看“设置”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="194"/>
        <source>PC nearby %1</source>
        <translation>附近的电脑 %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="196"/>
        <source>folder %1</source>
        <translation>文件夹 %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="198"/>
        <source>county service</source>
        <translation>县课程服务</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="200"/>
        <source>From: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="209"/>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="214"/>
        <source>%1 left</source>
        <translation>还要%1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="229"/>
        <source>EduTeach cannot tell on this computer whether the network is mobile data, so downloads are not paused for it.</source>
        <translation>EduTeach 在这台电脑上无法判断网络是不是手机流量，所以不会因此暂停下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="232"/>
        <source>No network now. Downloads and records continue when it is back.</source>
        <translation>现在没有网络。网络恢复后会继续下载和上报。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="234"/>
        <source>Mobile data (paid by amount): lesson downloads wait.</source>
        <translation>手机流量（按流量收费）：课程下载先等一等。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="236"/>
        <source>Network connected.</source>
        <translation>网络已连接。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="251"/>
        <source>%1 records are waiting to be sent to the county; sending them has failed %2 times. They are kept safe and go as soon as the county service answers.</source>
        <translation>有 %1 条记录等待上报到县里，已经尝试发送 %2 次都没有成功；记录都保存好了，县里的服务一恢复就会自动发送。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="254"/>
        <source>%1 records are waiting to be sent to the county.</source>
        <translation>有 %1 条记录等待上报到县里。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="258"/>
        <source>All records have been sent.</source>
        <translation>所有记录都已上报。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="259"/>
        <source>Last sent: %1</source>
        <translation>上次上报：%1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="260"/>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="262"/>
        <source>complete</source>
        <translation>成功</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="262"/>
        <source>not complete</source>
        <translation>没有全部完成</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="263"/>
        <source>Last looked for new lessons: %1 (%2)</source>
        <translation>上次查找新课程：%1（%2）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="267"/>
        <source>Has not looked for new lessons yet.</source>
        <translation>还没有查找过新课程。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="270"/>
        <source>This computer is not connected to the county yet, so records wait here safely. They can also go by USB stick (ask the technician).</source>
        <translation>这台电脑还没有连接县里，记录安全地保存在这里。也可以用 U 盘送过去（请问技术员）。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="273"/>
        <source>Sending…</source>
        <translation>正在上报……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="277"/>
        <source>Next try in %1.</source>
        <translation>%1后再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="284"/>
        <source>%1 records were refused by the county server and are kept aside; the others are not held up. Tell the technician. Reasons:</source>
        <translation>有 %1 条记录被县里的服务器拒收，已单独存放，不影响其他记录。请告诉技术员。原因：</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="295"/>
        <source>The county server has a problem right now. Records wait here safely.</source>
        <translation>县里的服务器现在出了问题。记录安全地保存在这里。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="296"/>
        <source>The records could not be sent (no connection to the county server). They wait here safely.</source>
        <translation>记录没有送出去（连不上县里的服务器）。记录安全地保存在这里。</translation>
    </message>
</context>
<context>
    <name>TimedBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="64"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="68"/>
        <source>10 s</source>
        <translation>10秒</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="65"/>
        <source>Back 10 seconds (Left arrow, Page Up)</source>
        <translation>后退 10 秒（左方向键、上翻页键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="66"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="114"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="67"/>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="69"/>
        <source>Forward 10 seconds (Right arrow, Page Down)</source>
        <translation>快进 10 秒（右方向键、下翻页键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="71"/>
        <source>Speed: click for the next one (+ and − keys)</source>
        <translation>速度：点一下换下一档（+ 和 − 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="72"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="127"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="148"/>
        <source>A-B loop</source>
        <translation>A-B 循环</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="73"/>
        <source>Press at A, again at B; the part between repeats (A key)</source>
        <translation>在 A 处按一次，在 B 处再按一次，中间这一段会重复播放（A 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="74"/>
        <source>Repeat sentence</source>
        <translation>重复这句</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="75"/>
        <source>Play the current sentence again (R key)</source>
        <translation>把当前这一句再播一遍（R 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="108"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="111"/>
        <source>Play again</source>
        <translation>再播一遍</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="129"/>
        <source>A set; press for B</source>
        <translation>已设 A 点，再按设 B 点</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="133"/>
        <source>Loop %1–%2</source>
        <translation>循环 %1–%2</translation>
    </message>
</context>
<context>
    <name>TimedPlayback</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/timed.py" line="98"/>
        <source>Continuing where you stopped (%1). Home: from the start.</source>
        <translation>从上次停下的地方（%1）继续。按 Home 从头开始。</translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="52"/>
        <source>Timetable</source>
        <translation>课表</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="54"/>
        <source>Back to today</source>
        <translation>返回今天</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="59"/>
        <source>Click a period, choose the subject and the grades taught together, then Save.</source>
        <translation>点一节课，选好学科和一起上课的年级，然后保存。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="80"/>
        <source>Subject</source>
        <translation>学科</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="85"/>
        <source>Grades (tick several for a combined class)</source>
        <translation>年级（复式教学可以勾选几个）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="93"/>
        <source>Starts at (optional)</source>
        <translation>上课时间（可不填）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="98"/>
        <source>Lesson</source>
        <translation>课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="103"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="105"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="146"/>
        <source>Click a period in the grid.</source>
        <translation>请在表格里点一节课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="171"/>
        <source>Automatic: the next lesson not taught yet</source>
        <translation>自动：下一节还没上过的课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="188"/>
        <source>Choose a grade</source>
        <translation>请选择年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="189"/>
        <source>Tick at least one grade for this period.</source>
        <translation>这节课至少要勾选一个年级。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="193"/>
        <source>Time not understood</source>
        <translation>时间看不懂</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="194"/>
        <source>Write the time like 08:00, or leave it empty.</source>
        <translation>请按 08:00 这样写时间，或者不填。</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="185"/>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="187"/>
        <source>Edit timetable</source>
        <translation>编辑课表</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="198"/>
        <source>No periods today in the timetable. Press “Edit timetable” to add this week&apos;s periods, or start a class here.</source>
        <translation>课表里今天没有课。按“编辑课表”添加本周的课，或者在下面直接开始上课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="210"/>
        <source>Another class</source>
        <translation>临时上课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="221"/>
        <source>Start this class</source>
        <translation>开始上课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="280"/>
        <source>Choose a grade</source>
        <translation>请选择年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="281"/>
        <source>Tick at least one grade for this class.</source>
        <translation>至少要勾选一个年级。</translation>
    </message>
</context>
<context>
    <name>TrackSwitch</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="294"/>
        <source>Switch between the demo singing and the accompaniment, at the same place (T key)</source>
        <translation>在范唱和伴奏之间切换，从同一处接着放（T 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="307"/>
        <source>The %1 recording is shorter and has ended here; go back a little to switch.</source>
        <translation>%1比较短，到这里已经结束了；往回退一点再切换。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="318"/>
        <source>The %1 recording cannot be played; the lesson goes on with the %2.</source>
        <translation>%1无法播放，这节课接着用%2播放。</translation>
    </message>
</context>
<context>
    <name>Tracks</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/modes.py" line="36"/>
        <source>The %1 recording is missing or damaged; the lesson plays without it.</source>
        <translation>%1文件缺失或已损坏，这节课先用其他录音播放。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="36"/>
        <source>Demo singing</source>
        <translation>范唱</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="37"/>
        <source>Accompaniment</source>
        <translation>伴奏</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="38"/>
        <source>Speech</source>
        <translation>朗读</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <location filename="../../eduteach_desktop/ui/update_notice.py" line="52"/>
        <source>New version %1 is downloaded; it is installed when you close EduTeach.</source>
        <translation>新版本 %1 已下载，关闭 EduTeach 时安装。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/update_notice.py" line="55"/>
        <source>New version %1 did not start properly, so EduTeach %2 is back; your lessons and records are safe.</source>
        <translation>新版本 %1 未能正常启动，已退回 EduTeach %2；课程和上课记录都完好无损。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/update_notice.py" line="59"/>
        <source>New version %1 could not be downloaded or installed this time; EduTeach works as before. A technician can see why with &quot;eduteach doctor&quot;.</source>
        <translation>新版本 %1 这次未能下载或安装，EduTeach 照常使用。技术员可以运行“eduteach doctor”查看原因。</translation>
    </message>
</context>
<context>
    <name>UsbEnrollPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="126"/>
        <source>No network? The county can give you an enrollment file on a USB stick instead of a code.</source>
        <translation>没有网络？县电教馆可以用U盘给您一个注册文件，代替注册码。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="128"/>
        <source>From a USB stick…</source>
        <translation>用U盘注册…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="129"/>
        <source>Join this school</source>
        <translation>加入本校</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="130"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="137"/>
        <source>This computer will join county %1, school %2 (%3). Check that the key %4 is the one on the county&apos;s sheet, then press Join.</source>
        <translation>这台电脑将加入县区 %1 的 %2（%3）。请核对密钥 %4 与县里给的单子上一致，再按“加入本校”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="154"/>
        <source>Choose the enrollment file (.etenroll) on the USB stick</source>
        <translation>选择U盘上的注册文件（.etenroll）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="170"/>
        <source>Reading the enrollment file…</source>
        <translation>正在读取注册文件…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="200"/>
        <source>Enrolled. This computer now belongs to %1; its lessons and records travel by USB stick.</source>
        <translation>注册成功。这台电脑现在属于 %1；课程和记录通过U盘传送。</translation>
    </message>
</context>
<context>
    <name>UsbPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="47"/>
        <source>Lessons from a USB stick</source>
        <translation>从U盘导入课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="49"/>
        <source>If you brought lessons on a USB stick, copy them in now: choose the lesson folder on the stick. Otherwise press Finish.</source>
        <translation>如果带来了存有课程的U盘，现在就可以导入：选择U盘上的课程文件夹。没有的话，直接点“完成”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="51"/>
        <source>Choose the USB folder…</source>
        <translation>选择U盘文件夹……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="62"/>
        <source>Choose the lesson folder on the USB stick</source>
        <translation>选择U盘上的课程文件夹</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="67"/>
        <source>%1 holds no EduTeach lessons (no “metadata” folder was found in it). Choose the folder the county copied onto the stick.</source>
        <translation>%1 里没有 EduTeach 课程（没有找到“metadata”文件夹）。请选择县里拷到U盘上的那个文件夹。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="77"/>
        <source>Checking the lessons on the stick…</source>
        <translation>正在检查U盘上的课程……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="92"/>
        <source>Copying lesson %1 of %2…</source>
        <translation>正在复制第 %1 节课（共 %2 节）……</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="107"/>
        <source>Done: %1 lessons are ready.</source>
        <translation>完成：%1 节课已经可以用了。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="110"/>
        <source>The lessons on this stick did not pass the safety check for this computer (they come from a source it does not trust). Connect to the county lesson service first, or ask for a stick made for this county.</source>
        <translation>U盘上的课程没有通过这台电脑的安全检查（来源不受信任）。请先连接县里的课程服务，或者向县里要一个本县制作的U盘。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="115"/>
        <source>%1 of %2 lessons were copied; the others are not on the stick or are damaged. They will come with the next download.</source>
        <translation>已复制 %1 节课（共 %2 节）；其余的课U盘上没有或已损坏，会在下次下载时补上。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="122"/>
        <source>The lessons were not copied: %1</source>
        <translation>课程没有复制成功：%1</translation>
    </message>
</context>
</TS>
