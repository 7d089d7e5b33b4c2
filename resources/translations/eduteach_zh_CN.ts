<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>App</name>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="137"/>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="175"/>
        <source>EduTeach is already open</source>
        <translation>EduTeach 已经打开了</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="176"/>
        <source>EduTeach is already open on this computer. Look for its window on the task bar.</source>
        <translation>EduTeach 已经在这台电脑上打开了。请在屏幕下方的任务栏里找到它的窗口。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="184"/>
        <source>EduTeach cannot start</source>
        <translation>EduTeach 无法启动</translation>
    </message>
</context>
<context>
    <name>EduTeachApp</name>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="69"/>
        <source>Importing the demo lessons…</source>
        <translation>正在导入示例课程…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="79"/>
        <source>Some demo lessons were not imported</source>
        <translation>有些示例课程没有导入成功</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="80"/>
        <source>The other lessons can be used as usual.</source>
        <translation>其他课程可以照常使用。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="88"/>
        <source>The demo lessons were not imported</source>
        <translation>示例课程没有导入成功</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="96"/>
        <source>Something went wrong</source>
        <translation>出了点问题</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="16"/>
        <source>The computer&apos;s disk is full. Delete some old files, or ask the technician for help, then try again.</source>
        <translation>电脑的磁盘满了。请删除一些不用的旧文件，或请技术老师帮忙，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="22"/>
        <source>EduTeach cannot write to its data folder (it is read-only). Ask the technician to check the folder.</source>
        <translation>EduTeach 无法写入它的数据文件夹（文件夹是只读的）。请技术老师检查一下这个文件夹。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="28"/>
        <source>The lesson database is busy. Wait a moment and try again.</source>
        <translation>课程数据库正忙，请稍等一会儿再试。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="30"/>
        <source>The lesson database is damaged. Ask the technician to repair it; your lessons can be downloaded again.</source>
        <translation>课程数据库损坏了。请技术老师修复；课程可以重新下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="36"/>
        <source>EduTeach is already open. Look for its window on the task bar.</source>
        <translation>EduTeach 已经打开了。请在屏幕下方的任务栏里找到它的窗口。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="38"/>
        <source>A file of this lesson is missing or damaged. Download the lesson again.</source>
        <translation>这节课的文件丢失或损坏了。请重新下载这节课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="42"/>
        <source>A downloaded file did not pass its safety check and was not used. It will be downloaded again.</source>
        <translation>有一个下载的文件没有通过安全检查，没有使用。它会重新下载。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="48"/>
        <source>The lesson source could not be reached. Check the network cable or the USB stick, then try again.</source>
        <translation>连不上课程来源。请检查网线或U盘，然后再试一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="54"/>
        <source>This computer is not connected to the county lesson service yet.</source>
        <translation>这台电脑还没有连接县里的课程服务。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="59"/>
        <source>The transfer did not finish. It will continue next time.</source>
        <translation>传输没有完成，下次会接着进行。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="62"/>
        <source>Something went wrong: %1</source>
        <translation>出了点问题：%1</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="19"/>
        <source>Grade 1</source>
        <translation>一年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="20"/>
        <source>Grade 2</source>
        <translation>二年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="21"/>
        <source>Grade 3</source>
        <translation>三年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="23"/>
        <source>Grade %1</source>
        <translation>%1年级</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="28"/>
        <source>Chinese</source>
        <translation>语文</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="29"/>
        <source>Mathematics</source>
        <translation>数学</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="30"/>
        <source>English</source>
        <translation>英语</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="31"/>
        <source>Music</source>
        <translation>音乐</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="32"/>
        <source>Art</source>
        <translation>美术</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="33"/>
        <source>Morality and Law</source>
        <translation>道德与法治</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="34"/>
        <source>Science</source>
        <translation>科学</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="35"/>
        <source>Physical Education</source>
        <translation>体育</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="41"/>
        <source>Volume 1</source>
        <translation>上册</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="41"/>
        <source>Volume 2</source>
        <translation>下册</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="46"/>
        <source>Unit %1</source>
        <translation>第%1单元</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="52"/>
        <source>Video</source>
        <translation>视频</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="53"/>
        <source>Audio</source>
        <translation>音频</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="54"/>
        <source>Slides</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="55"/>
        <source>PDF</source>
        <translation>PDF 文档</translation>
    </message>
</context>
<context>
    <name>LessonCard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="108"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="128"/>
        <source>Choose a lesson</source>
        <translation>请选择一节课</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="130"/>
        <source>Open a grade and a unit on the left, click a lesson, then press Play.</source>
        <translation>在左边找到年级和单元，点一下要上的课，再按“播放”。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="145"/>
        <source>On this computer, ready to play.</source>
        <translation>已在本机，可以播放。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="149"/>
        <source>Not downloaded yet. It will be downloaded at the next sync.</source>
        <translation>还没有下载。下次同步课程时会自动下载。</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="75"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="76"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="77"/>
        <source>Length</source>
        <translation>时长</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="78"/>
        <source>On this PC</source>
        <translation>本机</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="128"/>
        <source>Ready</source>
        <translation>可播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="130"/>
        <source>Not downloaded</source>
        <translation>未下载</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="173"/>
        <source>EduTeach — Lessons</source>
        <translation>EduTeach 教学点数字课堂</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="184"/>
        <source>Lessons</source>
        <translation>我的课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="187"/>
        <source>Choose a lesson, then press Play. Lessons play without the internet.</source>
        <translation>选好一节课，按“播放”就能上课。不联网也能播放。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="229"/>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="349"/>
        <source>No lessons on this computer yet</source>
        <translation>这台电脑上还没有课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="234"/>
        <source>Lessons come from the county education centre.

• If this computer is connected to the county lesson service, lessons download by themselves and appear here.
• Lessons can also be copied from a USB stick or the satellite receiver folder.

If you are not sure how, ask the technician of the education centre to set it up once.</source>
        <translation>课程由县电教馆提供。

• 如果这台电脑已经连上县里的课程服务，课程会自动下载，并显示在这里。
• 课程也可以从U盘或卫星接收文件夹导入。

如果不清楚怎么做，请电教馆的技术老师来帮忙设置一次。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="288"/>
        <source>Cannot read the lessons</source>
        <translation>无法读取课程</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="306"/>
        <source>Lessons ready: %1</source>
        <translation>可播放课程：%1 节</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="316"/>
        <source>Records waiting to upload: %1</source>
        <translation>待上传记录：%1 条</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="423"/>
        <source>Not downloaded yet</source>
        <translation>还没有下载</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="425"/>
        <source>This lesson is not on this computer yet. It will be downloaded at the next sync.</source>
        <translation>这节课还不在这台电脑上。下次同步课程时会自动下载。</translation>
    </message>
</context>
<context>
    <name>PlayerWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="101"/>
        <source>%1 — EduTeach</source>
        <translation>%1 — EduTeach</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="149"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="150"/>
        <source>Close the lesson (Esc)</source>
        <translation>关闭这节课（Esc 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="162"/>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="167"/>
        <source>10 s</source>
        <translation>10秒</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="163"/>
        <source>Back 10 seconds (Left arrow)</source>
        <translation>后退10秒（左方向键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="164"/>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="423"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="166"/>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="168"/>
        <source>Forward 10 seconds (Right arrow)</source>
        <translation>前进10秒（右方向键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="198"/>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="199"/>
        <source>Previous picture (Page Up)</source>
        <translation>上一张图片（PageUp 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="200"/>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="201"/>
        <source>Next picture (Page Down)</source>
        <translation>下一张图片（PageDown 键）</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="219"/>
        <source>PDF lessons come in a later version</source>
        <translation>PDF 课程将在以后的版本中支持</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="221"/>
        <source>This lesson is a PDF document. EduTeach cannot show PDF files yet; this will come in a later update.</source>
        <translation>这节课是 PDF 文档。EduTeach 目前还不能显示 PDF 文件，以后的更新会加上这个功能。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="245"/>
        <source>This picture could not be opened. Download the lesson again.</source>
        <translation>这张图片打不开。请重新下载这节课。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="326"/>
        <source>The lesson file is missing or damaged, so it cannot be played. Download the lesson again, or ask the technician for help.</source>
        <translation>这节课的文件丢失或损坏了，无法播放。请重新下载这节课，或请技术老师帮忙。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="329"/>
        <source>This lesson cannot be played</source>
        <translation>这节课无法播放</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="417"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="420"/>
        <source>Play again</source>
        <translation>再播一遍</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="454"/>
        <source>Picture %1 of %2</source>
        <translation>第 %1 张，共 %2 张</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="549"/>
        <source>This lesson was played, but the record of it could not be saved.</source>
        <translation>这节课已经播放了，但播放记录没能保存。</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="554"/>
        <source>Record not saved</source>
        <translation>记录没有保存</translation>
    </message>
</context>
</TS>
