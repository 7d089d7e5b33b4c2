<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>App</name>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="161" />
            <source>Something went wrong</source>
            <translation>出了点问题</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="198" />
            <source>EduTeach is already open</source>
            <translation>EduTeach 已经打开了</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="199" />
            <source>EduTeach is already open on this computer. Look for its window on the task bar.</source>
            <translation>EduTeach 已经在这台电脑上打开了。请在屏幕下方的任务栏里找到它的窗口。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="207" />
            <source>EduTeach cannot start</source>
            <translation>EduTeach 无法启动</translation>
        </message>
    </context>
    <context>
        <name>AttendancePage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="72" />
            <source>Attendance</source>
            <translation>点名</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="73" />
            <source>Done</source>
            <translation>完成</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="82" />
            <source>Everyone is present. Click a pupil to mark absent → late → on leave. Keys: arrows to move, A absent, L late, Q on leave, P present.</source>
            <translation>默认全部出勤。点一下学生：缺席 → 迟到 → 请假。键盘：方向键移动，A 缺席，L 迟到，Q 请假，P 出勤。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="105" />
            <source>Start a class on the Today screen first, then take attendance.</source>
            <translation>请先在“今天”页面开始上课，再点名。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="127" />
            <source>This class has ended: changes are sent as corrections.</source>
            <translation>这节课已经结束：修改会作为更正记录上报。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="144" />
            <source>No pupils in these grades yet. Import the class list under “Pupils”.</source>
            <translation>这些年级还没有学生名单。请在“学生名单”里导入。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="167" />
            <source>%1 pupils: %2 present, %3 absent, %4 late, %5 on leave</source>
            <translation>%1 名学生：%2 人出勤，%3 人缺席，%4 人迟到，%5 人请假</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="195" />
            <source>Attendance not saved</source>
            <translation>点名没有保存</translation>
        </message>
    </context>
    <context>
        <name>Classroom</name>
        <message>
            <location filename="../../eduteach_desktop/ui/classroom.py" line="118" />
            <source>The class could not be started</source>
            <translation>无法开始上课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/classroom.py" line="136" />
            <source>The class could not be ended</source>
            <translation>无法下课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/classroom.py" line="153" />
            <source>The lesson could not be opened</source>
            <translation>无法打开这节课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/classroom.py" line="157" />
            <source>Lesson not found</source>
            <translation>找不到这节课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/classroom.py" line="158" />
            <source>This lesson is no longer in the catalog.</source>
            <translation>这节课已经不在课程目录里了。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/classroom.py" line="212" />
            <source>The lesson could not be checked</source>
            <translation>无法检查这节课的文件</translation>
        </message>
    </context>
    <context>
        <name>EduTeachApp</name>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="91" />
            <source>Importing the demo lessons…</source>
            <translation>正在导入示例课程…</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="102" />
            <source>Some demo lessons were not imported</source>
            <translation>有些示例课程没有导入成功</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="103" />
            <source>The other lessons can be used as usual.</source>
            <translation>其他课程可以照常使用。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="111" />
            <source>The demo lessons were not imported</source>
            <translation>示例课程没有导入成功</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/app.py" line="119" />
            <source>Something went wrong</source>
            <translation>出了点问题</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="16" />
            <source>The computer's disk is full. Delete some old files, or ask the technician for help, then try again.</source>
            <translation>电脑的磁盘满了。请删除一些不用的旧文件，或请技术老师帮忙，然后再试一次。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="22" />
            <source>EduTeach cannot write to its data folder (it is read-only). Ask the technician to check the folder.</source>
            <translation>EduTeach 无法写入它的数据文件夹（文件夹是只读的）。请技术老师检查一下这个文件夹。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="28" />
            <source>The lesson database is busy. Wait a moment and try again.</source>
            <translation>课程数据库正忙，请稍等一会儿再试。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="30" />
            <source>The lesson database is damaged. Ask the technician to repair it; your lessons can be downloaded again.</source>
            <translation>课程数据库损坏了。请技术老师修复；课程可以重新下载。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="36" />
            <source>EduTeach is already open. Look for its window on the task bar.</source>
            <translation>EduTeach 已经打开了。请在屏幕下方的任务栏里找到它的窗口。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="38" />
            <source>A file of this lesson is missing or damaged. Download the lesson again.</source>
            <translation>这节课的文件丢失或损坏了。请重新下载这节课。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="42" />
            <source>A downloaded file did not pass its safety check and was not used. It will be downloaded again.</source>
            <translation>有一个下载的文件没有通过安全检查，没有使用。它会重新下载。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="48" />
            <source>The lesson source could not be reached. Check the network cable or the USB stick, then try again.</source>
            <translation>连不上课程来源。请检查网线或U盘，然后再试一次。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="54" />
            <source>This computer is not connected to the county lesson service yet.</source>
            <translation>这台电脑还没有连接县里的课程服务。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="59" />
            <source>The transfer did not finish. It will continue next time.</source>
            <translation>传输没有完成，下次会接着进行。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/errors.py" line="62" />
            <source>Something went wrong: %1</source>
            <translation>出了点问题：%1</translation>
        </message>
    </context>
    <context>
        <name>HelpPanel</name>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="95" />
            <source>Keys and presenter clicker</source>
            <translation>按键和翻页笔</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="99" />
            <source>Next picture or page; forward 10 seconds</source>
            <translation>下一张图片或下一页；快进 10 秒</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="100" />
            <source>Previous picture or page; back 10 seconds</source>
            <translation>上一张图片或上一页；后退 10 秒</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="101" />
            <source>Space</source>
            <translation>空格键</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="101" />
            <source>Play or pause</source>
            <translation>播放或暂停</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="102" />
            <source>Blank screen (any key brings the lesson back)</source>
            <translation>黑屏（按任意键回到课程）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="103" />
            <source>Projector mode (full screen, large)</source>
            <translation>投影模式（全屏，大字）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="104" />
            <source>Leave projector mode; press again to close</source>
            <translation>退出投影模式；再按一次关闭</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="105" />
            <source>A-B loop: press at A, again at B, a third time to stop</source>
            <translation>A-B 循环：在 A 处按一次，在 B 处再按一次，第三次停止循环</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="106" />
            <source>Repeat the current sentence or line</source>
            <translation>重复当前这一句</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="107" />
            <source>Faster or slower (0.5× to 1.5×)</source>
            <translation>加快或放慢（0.5× 到 1.5×）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="108" />
            <source>Back to the beginning</source>
            <translation>回到开头</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="109" />
            <source>Slides: turn pages by themselves (timer)</source>
            <translation>图片：自动翻页（定时）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="110" />
            <source>Show or hide this help</source>
            <translation>显示或隐藏这个帮助</translation>
        </message>
    </context>
    <context>
        <name>HistoryPage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="52" />
            <source>Classes taught</source>
            <translation>上课记录</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="53" />
            <source>Attendance of this class</source>
            <translation>这节课的点名</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="59" />
            <source>Every class started in EduTeach, newest first, with the lessons played in it. These are the records the county receives.</source>
            <translation>在 EduTeach 里开始的每一节课（最新的在前）和课上播放的课程。县里收到的就是这些记录。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="64" />
            <source>Started</source>
            <translation>开始时间</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="64" />
            <source>Class</source>
            <translation>班级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="64" />
            <source>Lessons played</source>
            <translation>播放的课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="65" />
            <source>Attendance</source>
            <translation>点名</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="65" />
            <source>Ended</source>
            <translation>下课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="78" />
            <source>No classes yet. Start one on the Today screen.</source>
            <translation>还没有上课记录。请在“今天”页面开始上课。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="92" />
            <source>%1 present, %2 absent, %3 late, %4 on leave</source>
            <translation>出勤 %1，缺席 %2，迟到 %3，请假 %4</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="95" />
            <source>in progress</source>
            <translation>正在上课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/history_page.py" line="96" />
            <source>none</source>
            <translation>无</translation>
        </message>
    </context>
    <context>
        <name>Labels</name>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="19" />
            <source>Grade 1</source>
            <translation>一年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="20" />
            <source>Grade 2</source>
            <translation>二年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="21" />
            <source>Grade 3</source>
            <translation>三年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="23" />
            <source>Grade %1</source>
            <translation>%1年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="28" />
            <source>Chinese</source>
            <translation>语文</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="29" />
            <source>Mathematics</source>
            <translation>数学</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="30" />
            <source>English</source>
            <translation>英语</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="31" />
            <source>Music</source>
            <translation>音乐</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="32" />
            <source>Art</source>
            <translation>美术</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="33" />
            <source>Morality and Law</source>
            <translation>道德与法治</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="34" />
            <source>Science</source>
            <translation>科学</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="35" />
            <source>Physical Education</source>
            <translation>体育</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="41" />
            <source>Volume 1</source>
            <translation>上册</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="41" />
            <source>Volume 2</source>
            <translation>下册</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="46" />
            <source>Unit %1</source>
            <translation>第%1单元</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="52" />
            <source>Video</source>
            <translation>视频</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="53" />
            <source>Audio</source>
            <translation>音频</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="54" />
            <source>Slides</source>
            <translation>图片</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="55" />
            <source>PDF</source>
            <translation>PDF 文档</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="96" />
            <source>Monday</source>
            <translation>星期一</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="97" />
            <source>Tuesday</source>
            <translation>星期二</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="98" />
            <source>Wednesday</source>
            <translation>星期三</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="99" />
            <source>Thursday</source>
            <translation>星期四</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="100" />
            <source>Friday</source>
            <translation>星期五</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="101" />
            <source>Saturday</source>
            <translation>星期六</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="102" />
            <source>Sunday</source>
            <translation>星期日</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="108" />
            <source>Period %1</source>
            <translation>第%1节</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="116" />
            <source>Grades %1</source>
            <translation>%1 年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="121" />
            <source>Present</source>
            <translation>出勤</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="122" />
            <source>Absent</source>
            <translation>缺席</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="123" />
            <source>Late</source>
            <translation>迟到</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="124" />
            <source>On leave</source>
            <translation>请假</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="130" />
            <source>%1/s</source>
            <translation>%1/秒</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="138" />
            <source>less than a minute</source>
            <translation>不到一分钟</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="140" />
            <source>about %1 min</source>
            <translation>大约 %1 分钟</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/labels.py" line="141" />
            <source>about %1 h</source>
            <translation>大约 %1 小时</translation>
        </message>
    </context>
    <context>
        <name>LessonCard</name>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="118" />
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="138" />
            <source>Choose a lesson</source>
            <translation>请选择一节课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="140" />
            <source>Open a grade and a unit on the left, click a lesson, then press Play.</source>
            <translation>在左边找到年级和单元，点一下要上的课，再按“播放”。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="159" />
            <source>On this computer, ready to play.</source>
            <translation>已在本机，可以播放。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="160" />
            <source>Downloading now: %1 %</source>
            <translation>正在下载：%1 %</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="161" />
            <source>Not downloaded yet. It will be downloaded at the next sync.</source>
            <translation>还没有下载。下次同步课程时会自动下载。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="163" />
            <source>Not subscribed: choose its grade and subject under “Choose lessons to download”.</source>
            <translation>没有订阅：请在“选择要下载的课程”里勾选它的年级和学科。</translation>
        </message>
    </context>
    <context>
        <name>LibraryModel</name>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="67" />
            <source>Downloading</source>
            <translation>正在下载</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="70" />
            <source>Waiting to download</source>
            <translation>等待下载</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="71" />
            <source>Not subscribed</source>
            <translation>未订阅</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="206" />
            <location filename="../../eduteach_desktop/ui/library_model.py" line="310" />
            <source>Lesson</source>
            <translation>课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="207" />
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="208" />
            <location filename="../../eduteach_desktop/ui/library_model.py" line="312" />
            <source>Length</source>
            <translation>时长</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="209" />
            <location filename="../../eduteach_desktop/ui/library_model.py" line="313" />
            <source>On this PC</source>
            <translation>本机</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="311" />
            <source>Where</source>
            <translation>位置</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_model.py" line="65" />
            <source>Ready</source>
            <translation>可播放</translation>
        </message>
    </context>
    <context>
        <name>LibraryPage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="311" />
            <source>Lessons</source>
            <translation>课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="315" />
            <source>Search: title or pinyin, e.g. xxx for 小星星</source>
            <translation>搜索：课名或拼音，例如 xxx 找到 小星星</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="317" />
            <source>Choose lessons to download</source>
            <translation>选择要下载的课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="341" />
            <source>No lessons on this computer yet. Lessons come from the county education centre over the network, from a USB stick or from the satellite receiver. Open “Downloads” to see what is happening.</source>
            <translation>这台电脑上还没有课程。课程来自县电教馆：通过网络、U 盘或卫星接收。打开“下载与上报”可以看到进度。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="410" />
            <source>%1 lessons, %2 ready on this computer.</source>
            <translation>共 %1 节课，%2 节已在这台电脑上。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="477" />
            <source>Preparing the search…</source>
            <translation>正在准备搜索……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="482" />
            <source>%1 lessons found for “%2”.</source>
            <translation>“%2”找到 %1 节课。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="483" />
            <source>No lesson found for “%1”. Try fewer letters.</source>
            <translation>没有找到“%1”。试试少输几个字母。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="550" />
            <source>Not downloaded yet</source>
            <translation>还没有下载</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="551" />
            <source>This lesson is not on this computer yet. It will be downloaded at the next sync.</source>
            <translation>这节课还不在这台电脑上，下次同步时会自动下载。</translation>
        </message>
    </context>
    <context>
        <name>LibraryWindow</name>
        <message>
            <location filename="../../eduteach_desktop/ui/library_window.py" line="37" />
            <source>EduTeach — Lessons</source>
            <translation>EduTeach 教学点数字课堂</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="84" />
            <source>EduTeach — Lessons</source>
            <translation>EduTeach 教学点数字课堂</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="105" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="106" />
            <source>Lessons</source>
            <translation>课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="107" />
            <source>Attendance</source>
            <translation>点名</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="108" />
            <source>Pupils</source>
            <translation>学生名单</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="109" />
            <source>Class history</source>
            <translation>上课记录</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="110" />
            <source>Downloads</source>
            <translation>下载与上报</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="111" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="170" />
            <source>Records waiting to upload: %1</source>
            <translation>等待上报的记录：%1 条</translation>
        </message>
    </context>
    <context>
        <name>PeriodCard</name>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="89" />
            <source>No lesson of this subject and grade on this computer yet.</source>
            <translation>这台电脑上还没有这个年级和学科的课程。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="93" />
            <source>(not downloaded yet)</source>
            <translation>（还没有下载）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="100" />
            <source>Teach another lesson in this period</source>
            <translation>这节课换一课来上</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="101" />
            <source>Change lesson…</source>
            <translation>换一课……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="130" />
            <source>Play 《%1》</source>
            <translation>播放《%1》</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="134" />
            <source>Class in progress</source>
            <translation>正在上课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="137" />
            <source>Taught ✓  Start again</source>
            <translation>已上完 ✓ 再上一次</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="141" />
            <source>Start class</source>
            <translation>上课</translation>
        </message>
    </context>
    <context>
        <name>PlayerWindow</name>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="201" />
            <source>%1 — EduTeach</source>
            <translation>%1 — EduTeach</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="213" />
            <source>Download this lesson again</source>
            <translation>重新下载这节课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="266" />
            <source>Help</source>
            <translation>帮助</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="267" />
            <source>Keys and clicker (F1)</source>
            <translation>按键和翻页笔（F1）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="269" />
            <source>Projector</source>
            <translation>投影</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="270" />
            <source>Full screen, large text (F5)</source>
            <translation>全屏大字（F5）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="272" />
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="273" />
            <source>Close the lesson (Esc)</source>
            <translation>关闭这节课（Esc 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="300" />
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="305" />
            <source>10 s</source>
            <translation>10秒</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="301" />
            <source>Back 10 seconds (Left arrow, Page Up)</source>
            <translation>后退 10 秒（左方向键、上翻页键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="306" />
            <source>Forward 10 seconds (Right arrow, Page Down)</source>
            <translation>快进 10 秒（右方向键、下翻页键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="308" />
            <source>Speed: click for the next one (+ and − keys)</source>
            <translation>速度：点一下换下一档（+ 和 − 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="309" />
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="643" />
            <source>A-B loop</source>
            <translation>A-B 循环</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="310" />
            <source>Press at A, again at B; the part between repeats (A key)</source>
            <translation>在 A 处按一次，在 B 处再按一次，中间这一段会重复播放（A 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="311" />
            <source>Repeat sentence</source>
            <translation>重复这句</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="312" />
            <source>Play the current sentence again (R key)</source>
            <translation>把当前这一句再播一遍（R 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="349" />
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="804" />
            <source>Timer: off</source>
            <translation>定时翻页：关</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="350" />
            <source>Turn pictures by themselves (T key)</source>
            <translation>自动翻页（T 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="302" />
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="704" />
            <source>Play</source>
            <translation>播放</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="304" />
            <source>Play or pause (Space)</source>
            <translation>播放或暂停（空格键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="340" />
            <source>Previous</source>
            <translation>上一张</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="341" />
            <source>Previous picture (Page Up)</source>
            <translation>上一张图片（PageUp 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="342" />
            <source>Next</source>
            <translation>下一张</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="343" />
            <source>Next picture (Page Down)</source>
            <translation>下一张图片（PageDown 键）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="383" />
            <source>This picture could not be opened. Download the lesson again.</source>
            <translation>这张图片打不开。请重新下载这节课。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="452" />
            <source>Continuing where you stopped (%1). Home: from the start.</source>
            <translation>从上次停下的地方（%1）继续。按 Home 从头开始。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="500" />
            <source>The lesson file is missing or damaged, so it cannot be played. Press the button below to download it again; it is checked before use.</source>
            <translation>这节课的文件丢失或损坏了，所以不能播放。请按下面的按钮重新下载；下载后会先检查再使用。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="505" />
            <source>The lesson file is missing or damaged, so it cannot be played. Download the lesson again, or ask the technician for help.</source>
            <translation>这节课的文件丢失或损坏了，无法播放。请重新下载这节课，或请技术老师帮忙。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="509" />
            <source>This lesson cannot be played</source>
            <translation>这节课无法播放</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="516" />
            <source>Downloading the lesson again in the background. You can close this window; the lesson can be played as soon as it is ready.</source>
            <translation>正在后台重新下载这节课。可以先关掉这个窗口，下载好就能播放。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="619" />
            <source>A set; press for B</source>
            <translation>已设 A 点，再按设 B 点</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="623" />
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="636" />
            <source>Loop %1–%2</source>
            <translation>循环 %1–%2</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="698" />
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="701" />
            <source>Play again</source>
            <translation>再播一遍</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="785" />
            <source>Page %1 of %2</source>
            <translation>第 %1 页，共 %2 页</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="787" />
            <source>Picture %1 of %2</source>
            <translation>第 %1 张，共 %2 张</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="801" />
            <source>Timer: %1 s</source>
            <translation>定时翻页：%1 秒</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="1004" />
            <source>This lesson was played, but the record of it could not be saved.</source>
            <translation>这节课已经播放了，但播放记录没能保存。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/player/player_window.py" line="1009" />
            <source>Record not saved</source>
            <translation>记录没有保存</translation>
        </message>
    </context>
    <context>
        <name>RosterPage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="237" />
            <source>Pupils</source>
            <translation>学生名单</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="243" />
            <source>Import class list…</source>
            <translation>导入学生名单……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="250" />
            <source>Import the class list exported from the student registry (Excel .xlsx or CSV) with columns such as 姓名, 性别, 学籍号, 年级, 班级. It replaces the list of each grade in the file. Names stay on this computer.</source>
            <translation>导入从学籍系统导出的学生名单（Excel .xlsx 或 CSV），包含 姓名、性别、学籍号、年级、班级 等列。文件里每个年级的名单会被替换。学生姓名只保存在这台电脑上。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="259" />
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="259" />
            <source>Gender</source>
            <translation>性别</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="259" />
            <source>Registry number</source>
            <translation>学籍号</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="259" />
            <source>Class</source>
            <translation>班级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="279" />
            <source>%1 pupils in %2</source>
            <translation>%2 共 %1 名学生</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="284" />
            <source>Choose the class list</source>
            <translation>选择学生名单文件</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="285" />
            <source>Class lists (*.xlsx *.csv);;All files (*)</source>
            <translation>学生名单 (*.xlsx *.csv);;所有文件 (*)</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="302" />
            <source>Import %1 pupils into %2? The current lists of these grades are replaced.</source>
            <translation>把 %1 名学生导入到 %2？这些年级现在的名单会被替换。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="304" />
            <source>Import class list</source>
            <translation>导入学生名单</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="310" />
            <source>The class list was not imported</source>
            <translation>学生名单没有导入</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="320" />
            <source>This file could not be read. Save it from Excel as .xlsx or .csv and try again.</source>
            <translation>这个文件读不出来。请在 Excel 里另存为 .xlsx 或 .csv 后再试。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="321" />
            <source>Old Excel files (.xls) cannot be read. Save it as .xlsx and try again.</source>
            <translation>旧版 Excel 文件（.xls）读不出来。请另存为 .xlsx 后再试。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="322" />
            <source>No column 姓名 (name) was found in the first rows of the file.</source>
            <translation>文件前几行里没有找到“姓名”这一列。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="323" />
            <source>The file has no 年级 (grade) column.</source>
            <translation>文件里没有“年级”这一列。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="324" />
            <source>The file has no pupils in it.</source>
            <translation>文件里没有学生。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="325" />
            <source>The file has too many rows for one teaching point.</source>
            <translation>文件的行数太多，不像是一个教学点的名单。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="329" />
            <source>Nothing was imported. Correct these rows in %1 and import again:</source>
            <translation>没有导入任何学生。请在 %1 里改正这些行，再导入一次：</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="332" />
            <source>Line %1: </source>
            <translation>第 %1 行：</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="334" />
            <source>… and %1 more.</source>
            <translation>……还有 %1 处。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="339" />
            <source>The name is empty.</source>
            <translation>姓名是空的。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="340" />
            <source>The grade “%1” is not grade 1, 2 or 3.</source>
            <translation>年级“%1”不是一、二、三年级。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="341" />
            <source>The grade is empty.</source>
            <translation>年级是空的。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="342" />
            <source>The gender “%1” is not 男 or 女.</source>
            <translation>性别“%1”不是“男”或“女”。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="343" />
            <source>The registry number “%1” has characters that do not belong there.</source>
            <translation>学籍号“%1”里有不该有的字符。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/attendance_page.py" line="344" />
            <source>The registry number %1 appears twice in the file.</source>
            <translation>学籍号 %1 在文件里出现了两次。</translation>
        </message>
    </context>
    <context>
        <name>SessionBar</name>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="49" />
            <source>Attendance</source>
            <translation>点名</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="50" />
            <source>End class</source>
            <translation>下课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/main_window.py" line="67" />
            <source>In class: %1 · %2 · lessons played: %3</source>
            <translation>正在上课：%1 · %2 · 已播放：%3 节</translation>
        </message>
    </context>
    <context>
        <name>SettingsPage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="61" />
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="63" />
            <source>County lesson service</source>
            <translation>县电教馆课程服务</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="66" />
            <source>Address</source>
            <translation>地址</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="70" />
            <source>One-time code</source>
            <translation>一次性注册码</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="72" />
            <source>from the education centre</source>
            <translation>由电教馆提供</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="74" />
            <source>Connect</source>
            <translation>连接</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="82" />
            <source>Downloading</source>
            <translation>正在下载</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="83" />
            <source>Speed limit</source>
            <translation>限速</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="86" />
            <source>No limit</source>
            <translation>不限速</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="88" />
            <source>Leave the rest of the link to the village.</source>
            <translation>把其余的网速留给村里其他人用。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="90" />
            <source>Download only between</source>
            <translation>只在这段时间下载：从</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="98" />
            <source>and</source>
            <translation>到</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="104" />
            <source>Storage</source>
            <translation>存储</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="107" />
            <source>Folder</source>
            <translation>文件夹</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="109" />
            <source>Space</source>
            <translation>空格键</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="113" />
            <source>Language and text size</source>
            <translation>语言和字号</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="114" />
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="119" />
            <source>Text size</source>
            <translation>字号</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="124" />
            <source>The language changes at the next start of EduTeach.</source>
            <translation>语言在下次打开 EduTeach 时生效。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="130" />
            <source>Save settings</source>
            <translation>保存设置</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="157" />
            <source>Connected to %1 as %2 (%3).</source>
            <translation>已连接 %1，学校：%2（%3）。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="160" />
            <source>Not connected yet. Enter the address and the one-time code from the county education centre.</source>
            <translation>还没有连接。请输入县电教馆提供的地址和一次性注册码。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="177" />
            <source>Lessons use %1; %2 free on this disk.</source>
            <translation>课程占用 %1；这块硬盘还剩 %2。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="198" />
            <source>Saved.</source>
            <translation>已保存。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="210" />
            <source>Enter both the address and the code.</source>
            <translation>请同时输入地址和注册码。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="213" />
            <source>Connecting…</source>
            <translation>正在连接……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="219" />
            <source>Connected. This computer now belongs to %1.</source>
            <translation>已连接。这台电脑现在属于 %1。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/settings_page.py" line="226" />
            <source>Not connected: %1</source>
            <translation>没有连接上：%1</translation>
        </message>
    </context>
    <context>
        <name>SubscriptionPanel</name>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="198" />
            <source>Tick the books this school uses. Only those lessons are downloaded; lessons of books you untick are removed at the next sync to free space.</source>
            <translation>勾选本校使用的教材。只下载这些课程；取消勾选的教材会在下次同步时删除，腾出空间。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="213" />
            <source>Save and download</source>
            <translation>保存并下载</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="216" />
            <source>Back to the lessons</source>
            <translation>返回课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="258" />
            <source>%1 lessons, %2</source>
            <translation>%1 节课，%2</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="274" />
            <source>To download: %1. Free space on this computer: %2.</source>
            <translation>要下载：%1。这台电脑还剩：%2。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/library_page.py" line="277" />
            <source>There is not enough space: untick some books.</source>
            <translation>空间不够：请取消勾选一些教材。</translation>
        </message>
    </context>
    <context>
        <name>SyncPage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="52" />
            <source>Downloads and records</source>
            <translation>下载与上报</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="59" />
            <source>New lessons</source>
            <translation>新课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="68" />
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="69" />
            <source>Continue</source>
            <translation>继续</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="71" />
            <source>Look for new lessons now</source>
            <translation>现在查找新课程</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="86" />
            <source>Records for the county</source>
            <translation>上报给县里的记录</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="91" />
            <source>Send records now</source>
            <translation>现在上报</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="126" />
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="145" />
            <source>Paused. Press Continue to go on from where it stopped.</source>
            <translation>已暂停。按“继续”从停下的地方接着下载。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="128" />
            <source>Paused because this network is paid by the amount of data (mobile data). It continues on a normal network.</source>
            <translation>已暂停：现在的网络按流量收费（手机流量）。连上普通网络后会自动继续。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="134" />
            <source>Looking for new lessons…</source>
            <translation>正在查找新课程……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="137" />
            <source>Downloading 《%1》 (lesson %2 of %3)</source>
            <translation>正在下载《%1》（第 %2 节，共 %3 节）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="141" />
            <source>Making the new lessons ready…</source>
            <translation>正在启用新课程……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="143" />
            <source>All chosen lessons are on this computer.</source>
            <translation>选好的课程都已经在这台电脑上了。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="147" />
            <source>Waiting for the download hours set in Settings (%1).</source>
            <translation>等待设置里的下载时段（%1）。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="150" />
            <source>Some lessons could not be downloaded this time. EduTeach tries again later by itself.</source>
            <translation>这次有些课程没有下载完。EduTeach 稍后会自动再试。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="153" />
            <source>Starting…</source>
            <translation>正在开始……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="154" />
            <source>Nothing is downloading now.</source>
            <translation>现在没有在下载。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="158" />
            <source>This computer is not connected to the county lesson service yet. Lessons can still come from a USB stick. See Settings.</source>
            <translation>这台电脑还没有连接县电教馆的课程服务。课程也可以用 U 盘拷进来。请看“设置”。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="169" />
            <source>%1 of %2</source>
            <translation>%1 / %2</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="174" />
            <source>%1 left</source>
            <translation>还要%1</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="187" />
            <source>EduTeach cannot tell on this computer whether the network is mobile data, so downloads are not paused for it.</source>
            <translation>EduTeach 在这台电脑上无法判断网络是不是手机流量，所以不会因此暂停下载。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="190" />
            <source>No network now. Downloads and records continue when it is back.</source>
            <translation>现在没有网络。网络恢复后会继续下载和上报。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="192" />
            <source>Mobile data (paid by amount): lesson downloads wait.</source>
            <translation>手机流量（按流量收费）：课程下载先等一等。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="194" />
            <source>Network connected.</source>
            <translation>网络已连接。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="207" />
            <source>%1 records are waiting to be sent to the county.</source>
            <translation>有 %1 条记录等待上报到县里。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="210" />
            <source>All records have been sent.</source>
            <translation>所有记录都已上报。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="211" />
            <source>Last sent: %1</source>
            <translation>上次上报：%1</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="212" />
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="215" />
            <source>This computer is not connected to the county yet, so records wait here safely. They can also go by USB stick (ask the technician).</source>
            <translation>这台电脑还没有连接县里，记录安全地保存在这里。也可以用 U 盘送过去（请问技术员）。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="218" />
            <source>Sending…</source>
            <translation>正在上报……</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="222" />
            <source>Next try in %1.</source>
            <translation>%1后再试。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="229" />
            <source>%1 records were refused by the county server and are kept aside; the others are not held up. Tell the technician. Reasons:</source>
            <translation>有 %1 条记录被县里的服务器拒收，已单独存放，不影响其他记录。请告诉技术员。原因：</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="238" />
            <source>The county server did not accept this computer. Ask the technician to enroll it again.</source>
            <translation>县里的服务器不认这台电脑。请技术员重新注册。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="241" />
            <source>The county server has a problem right now. Records wait here safely.</source>
            <translation>县里的服务器现在出了问题。记录安全地保存在这里。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/sync_page.py" line="242" />
            <source>The records could not be sent (no connection to the county server). They wait here safely.</source>
            <translation>记录没有送出去（连不上县里的服务器）。记录安全地保存在这里。</translation>
        </message>
    </context>
    <context>
        <name>TimetablePage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="52" />
            <source>Timetable</source>
            <translation>课表</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="54" />
            <source>Back to today</source>
            <translation>返回今天</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="59" />
            <source>Click a period, choose the subject and the grades taught together, then Save.</source>
            <translation>点一节课，选好学科和一起上课的年级，然后保存。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="82" />
            <source>Subject</source>
            <translation>学科</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="87" />
            <source>Grades (tick several for a combined class)</source>
            <translation>年级（复式教学可以勾选几个）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="93" />
            <source>Starts at (optional)</source>
            <translation>上课时间（可不填）</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="98" />
            <source>Lesson</source>
            <translation>课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="103" />
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="105" />
            <source>Clear</source>
            <translation>清空</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="146" />
            <source>Click a period in the grid.</source>
            <translation>请在表格里点一节课。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="171" />
            <source>Automatic: the next lesson not taught yet</source>
            <translation>自动：下一节还没上过的课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="187" />
            <source>Choose a grade</source>
            <translation>请选择年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="188" />
            <source>Tick at least one grade for this period.</source>
            <translation>这节课至少要勾选一个年级。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="192" />
            <source>Time not understood</source>
            <translation>时间看不懂</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/timetable_page.py" line="193" />
            <source>Write the time like 08:00, or leave it empty.</source>
            <translation>请按 08:00 这样写时间，或者不填。</translation>
        </message>
    </context>
    <context>
        <name>TodayPage</name>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="172" />
            <source>Today</source>
            <translation>今天</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="174" />
            <source>Edit timetable</source>
            <translation>编辑课表</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="185" />
            <source>No periods today in the timetable. Press “Edit timetable” to add this week's periods, or start a class here.</source>
            <translation>课表里今天没有课。按“编辑课表”添加本周的课，或者在下面直接开始上课。</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="197" />
            <source>Another class</source>
            <translation>临时上课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="208" />
            <source>Start this class</source>
            <translation>开始上课</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="265" />
            <source>Choose a grade</source>
            <translation>请选择年级</translation>
        </message>
        <message>
            <location filename="../../eduteach_desktop/ui/today_page.py" line="266" />
            <source>Tick at least one grade for this class.</source>
            <translation>至少要勾选一个年级。</translation>
        </message>
    </context>
</TS>
