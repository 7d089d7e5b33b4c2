<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>App</name>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="188"/>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="263"/>
        <source>EduTeach is already open</source>
        <translation>EduTeach is already open</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="264"/>
        <source>EduTeach is already open on this computer. Look for its window on the task bar.</source>
        <translation>EduTeach is already open on this computer. Look for its window on the task bar.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="272"/>
        <source>EduTeach cannot start</source>
        <translation>EduTeach cannot start</translation>
    </message>
</context>
<context>
    <name>AttendancePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="82"/>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="83"/>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="92"/>
        <source>Everyone is present. Click a pupil to mark absent → late → on leave. Keys: arrows to move, A absent, L late, Q on leave, P present.</source>
        <translation>Everyone is present. Click a pupil to mark absent → late → on leave. Keys: arrows to move, A absent, L late, Q on leave, P present.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="120"/>
        <source>Start a class on the Today screen first, then take attendance.</source>
        <translation>Start a class on the Today screen first, then take attendance.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="145"/>
        <source>This class has ended: changes are sent as corrections.</source>
        <translation>This class has ended: changes are sent as corrections.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="151"/>
        <source>No pupils in these grades yet. Import the class list under “Pupils”.</source>
        <translation>No pupils in these grades yet. Import the class list under “Pupils”.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="218"/>
        <source>%1 pupils: %2 present, %3 absent, %4 late, %5 on leave</source>
        <translation>%1 pupils: %2 present, %3 absent, %4 late, %5 on leave</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="246"/>
        <source>Attendance not saved</source>
        <translation>Attendance not saved</translation>
    </message>
</context>
<context>
    <name>Classroom</name>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="129"/>
        <source>The class could not be started</source>
        <translation>The class could not be started</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="147"/>
        <source>The class could not be ended</source>
        <translation>The class could not be ended</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="156"/>
        <source>The lesson could not be opened</source>
        <translation>The lesson could not be opened</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="178"/>
        <source>Lesson not found</source>
        <translation>Lesson not found</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="179"/>
        <source>This lesson is no longer in the catalog.</source>
        <translation>This lesson is no longer in the catalog.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/classroom.py" line="238"/>
        <source>The lesson could not be checked</source>
        <translation>The lesson could not be checked</translation>
    </message>
</context>
<context>
    <name>DrawingsDialog</name>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="52"/>
        <source>Drawings of this class</source>
        <translation>Drawings of this class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="60"/>
        <source>Pages drawn on in this class, saved as pictures. They stay on this computer: they are never uploaded or exported.</source>
        <translation>Pages drawn on in this class, saved as pictures. They stay on this computer: they are never uploaded or exported.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="77"/>
        <source>Open in the picture viewer</source>
        <translation>Open in the picture viewer</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="80"/>
        <source>Delete this picture</source>
        <translation>Delete this picture</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="83"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="109"/>
        <source>Picture %1</source>
        <translation>Picture %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="111"/>
        <source>Page %1</source>
        <translation>Page %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="112"/>
        <source>Video still</source>
        <translation>Video still</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="137"/>
        <source>Delete this picture?</source>
        <translation>Delete this picture?</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="138"/>
        <source>The picture is deleted from this computer and cannot be brought back.</source>
        <translation>The picture is deleted from this computer and cannot be brought back.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="160"/>
        <source>The picture is open in another program, such as the picture viewer. Close it and try again.</source>
        <translation>The picture is open in another program, such as the picture viewer. Close it and try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/drawings_dialog.py" line="163"/>
        <source>Picture not deleted</source>
        <translation>Picture not deleted</translation>
    </message>
</context>
<context>
    <name>EduTeachApp</name>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="109"/>
        <source>Importing the demo lessons…</source>
        <translation>Importing the demo lessons…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="120"/>
        <source>Some demo lessons were not imported</source>
        <translation>Some demo lessons were not imported</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="121"/>
        <source>The other lessons can be used as usual.</source>
        <translation>The other lessons can be used as usual.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="129"/>
        <source>The demo lessons were not imported</source>
        <translation>The demo lessons were not imported</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/app.py" line="137"/>
        <source>Something went wrong</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="65"/>
        <source>Connect to the county lesson service</source>
        <translation>Connect to the county lesson service</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="67"/>
        <source>With the county&apos;s address and a one-time code, this computer gets new lessons and sends its class records. Without a network, choose Offline only: the demo lessons and lessons from a USB stick still work.</source>
        <translation>With the county&apos;s address and a one-time code, this computer gets new lessons and sends its class records. Without a network, choose Offline only: the demo lessons and lessons from a USB stick still work.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="70"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="71"/>
        <source>One-time code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="72"/>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="73"/>
        <source>Offline only</source>
        <translation>Offline only</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="99"/>
        <source>Enter both the address and the one-time code.</source>
        <translation>Enter both the address and the one-time code.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="104"/>
        <source>Connecting to %1 …</source>
        <translation>Connecting to %1 …</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/enroll_page.py" line="114"/>
        <source>Connected. This computer now belongs to %1.</source>
        <translation>Connected. This computer now belongs to %1.</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="20"/>
        <source>The computer&apos;s disk is full. Delete some old files, or ask the technician for help, then try again.</source>
        <translation>The computer&apos;s disk is full. Delete some old files, or ask the technician for help, then try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="26"/>
        <source>EduTeach cannot write to its data folder (it is read-only). Ask the technician to check the folder.</source>
        <translation>EduTeach cannot write to its data folder (it is read-only). Ask the technician to check the folder.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="32"/>
        <source>The data folder is on a network drive, where the lesson database can be damaged. Choose a folder on this computer&apos;s own disk.</source>
        <translation>The data folder is on a network drive, where the lesson database can be damaged. Choose a folder on this computer&apos;s own disk.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="38"/>
        <source>The data folder&apos;s path is too long for Windows. Choose a folder with a shorter path, such as D:\EduTeach.</source>
        <translation>The data folder&apos;s path is too long for Windows. Choose a folder with a shorter path, such as D:\EduTeach.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="44"/>
        <source>This computer was connected to the county service under another Windows account. Connect it again in Settings.</source>
        <translation>This computer was connected to the county service under another Windows account. Connect it again in Settings.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="50"/>
        <source>Another program (often the antivirus) is using a lesson file. Wait a minute and try again.</source>
        <translation>Another program (often the antivirus) is using a lesson file. Wait a minute and try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="56"/>
        <source>The lesson database is busy. Wait a moment and try again.</source>
        <translation>The lesson database is busy. Wait a moment and try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="58"/>
        <source>The lesson database is damaged. Ask the technician to repair it; your lessons can be downloaded again.</source>
        <translation>The lesson database is damaged. Ask the technician to repair it; your lessons can be downloaded again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="64"/>
        <source>EduTeach cannot open its lesson database. Ask the technician to check the data folder (run “eduteach doctor”).</source>
        <translation>EduTeach cannot open its lesson database. Ask the technician to check the data folder (run “eduteach doctor”).</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="70"/>
        <source>The disk failed while EduTeach was reading or writing. If a USB stick was pulled out, put it back; otherwise ask the technician to check the disk.</source>
        <translation>The disk failed while EduTeach was reading or writing. If a USB stick was pulled out, put it back; otherwise ask the technician to check the disk.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="76"/>
        <source>The county server cannot be reached. Check the network cable, then try again; records wait here safely.</source>
        <translation>The county server cannot be reached. Check the network cable, then try again; records wait here safely.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="134"/>
        <source>The county server did not accept this computer. Ask the technician to enroll it again.</source>
        <translation>The county server did not accept this computer. Ask the technician to enroll it again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="84"/>
        <source>The lesson source answered in a way EduTeach cannot use; nothing from it was used. Tell the technician.</source>
        <translation>The lesson source answered in a way EduTeach cannot use; nothing from it was used. Tell the technician.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="90"/>
        <source>EduTeach is already open. Look for its window on the task bar.</source>
        <translation>EduTeach is already open. Look for its window on the task bar.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="92"/>
        <source>A file of this lesson is missing or damaged. Download the lesson again.</source>
        <translation>A file of this lesson is missing or damaged. Download the lesson again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="96"/>
        <source>A downloaded file did not pass its safety check and was not used. It will be downloaded again.</source>
        <translation>A downloaded file did not pass its safety check and was not used. It will be downloaded again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="102"/>
        <source>The lesson source could not be reached. Check the network cable or the USB stick, then try again.</source>
        <translation>The lesson source could not be reached. Check the network cable or the USB stick, then try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="108"/>
        <source>This computer is not connected to the county lesson service yet.</source>
        <translation>This computer is not connected to the county lesson service yet.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="113"/>
        <source>The transfer did not finish. It will continue next time.</source>
        <translation>The transfer did not finish. It will continue next time.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="117"/>
        <source>Something went wrong: %1</source>
        <translation>Something went wrong: %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="120"/>
        <source>Something went wrong inside EduTeach (%1). It was written to the log; please tell the technician.</source>
        <translation>Something went wrong inside EduTeach (%1). It was written to the log; please tell the technician.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="162"/>
        <source>The county lesson service cannot be reached. Check the address and the network cable.</source>
        <translation>The county lesson service cannot be reached. Check the address and the network cable.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="149"/>
        <source>This one-time code is not right. Check it for typos and try again.</source>
        <translation>This one-time code is not right. Check it for typos and try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="152"/>
        <source>This one-time code has already been used. Ask the county for a new one.</source>
        <translation>This one-time code has already been used. Ask the county for a new one.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="155"/>
        <source>This one-time code has expired. Ask the county for a new one.</source>
        <translation>This one-time code has expired. Ask the county for a new one.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="158"/>
        <source>The county lesson service cannot be reached. Check the address and the network cable, or choose Offline only.</source>
        <translation>The county lesson service cannot be reached. Check the address and the network cable, or choose Offline only.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/errors.py" line="165"/>
        <source>Something answered at this address, but it is not the county lesson service. Check the address.</source>
        <translation>Something answered at this address, but it is not the county lesson service. Check the address.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="96"/>
        <source>Setting up EduTeach</source>
        <translation>Setting up EduTeach</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="98"/>
        <source>&lt; Back</source>
        <translation>&lt; Back</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="99"/>
        <source>Next (or skip) &gt;</source>
        <translation>Next (or skip) &gt;</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="100"/>
        <source>Finish</source>
        <translation>Finish</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/first_run_wizard.py" line="101"/>
        <source>Skip the rest</source>
        <translation>Skip the rest</translation>
    </message>
</context>
<context>
    <name>HelpPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="118"/>
        <source>Keys and presenter clicker</source>
        <translation>Keys and presenter clicker</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="50"/>
        <source>Next picture or page; forward 10 seconds</source>
        <translation>Next picture or page; forward 10 seconds</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="53"/>
        <source>Previous picture or page; back 10 seconds</source>
        <translation>Previous picture or page; back 10 seconds</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="56"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="56"/>
        <source>Play or pause</source>
        <translation>Play or pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="58"/>
        <source>Blank screen (any key brings the lesson back)</source>
        <translation>Blank screen (any key brings the lesson back)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="60"/>
        <source>Projector mode (full screen, large)</source>
        <translation>Projector mode (full screen, large)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="62"/>
        <source>Presenter view: the lesson on the second screen, notes here</source>
        <translation>Presenter view: the lesson on the second screen, notes here</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="64"/>
        <source>Leave projector mode; press again to close</source>
        <translation>Leave projector mode; press again to close</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="66"/>
        <source>A-B loop: press at A, again at B, a third time to stop</source>
        <translation>A-B loop: press at A, again at B, a third time to stop</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="68"/>
        <source>Repeat the current sentence or line</source>
        <translation>Repeat the current sentence or line</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="70"/>
        <source>Faster (up to 1.5×)</source>
        <translation>Faster (up to 1.5×)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="72"/>
        <source>Slower (down to 0.5×)</source>
        <translation>Slower (down to 0.5×)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="74"/>
        <source>Back to the beginning</source>
        <translation>Back to the beginning</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="76"/>
        <source>Slides: turn pages by themselves (timer)</source>
        <translation>Slides: turn pages by themselves (timer)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="78"/>
        <source>Songs: switch between the demo singing and the accompaniment</source>
        <translation>Songs: switch between the demo singing and the accompaniment</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="80"/>
        <source>Repeat after me: pause after each line for the class to say it</source>
        <translation>Repeat after me: pause after each line for the class to say it</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="82"/>
        <source>Repeat after me: shorter pause</source>
        <translation>Repeat after me: shorter pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="84"/>
        <source>Repeat after me: longer pause</source>
        <translation>Repeat after me: longer pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="86"/>
        <source>Pen on or off: draw on a picture, page or paused video</source>
        <translation>Pen on or off: draw on a picture, page or paused video</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="88"/>
        <source>Pen: next colour</source>
        <translation>Pen: next colour</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="90"/>
        <source>Pen: eraser on or off</source>
        <translation>Pen: eraser on or off</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="92"/>
        <source>Pen: clear the drawings on this page</source>
        <translation>Pen: clear the drawings on this page</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="94"/>
        <source>Show the whole page again (after zooming with two fingers)</source>
        <translation>Show the whole page again (after zooming with two fingers)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/keys.py" line="96"/>
        <source>Show or hide this help</source>
        <translation>Show or hide this help</translation>
    </message>
</context>
<context>
    <name>HistoryPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="55"/>
        <source>Classes taught</source>
        <translation>Classes taught</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="56"/>
        <source>Attendance of this class</source>
        <translation>Attendance of this class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="59"/>
        <source>Drawings of this class</source>
        <translation>Drawings of this class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="64"/>
        <source>Every class started in EduTeach, newest first, with the lessons played in it. These are the records the county receives.</source>
        <translation>Every class started in EduTeach, newest first, with the lessons played in it. These are the records the county receives.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="74"/>
        <source>Started</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="74"/>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="74"/>
        <source>Lessons played</source>
        <translation>Lessons played</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="75"/>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="75"/>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="75"/>
        <source>Drawings</source>
        <translation>Drawings</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="87"/>
        <source>No classes yet. Start one on the Today screen.</source>
        <translation>No classes yet. Start one on the Today screen.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="107"/>
        <source>%1 present, %2 absent, %3 late, %4 on leave</source>
        <translation>%1 present, %2 absent, %3 late, %4 on leave</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="110"/>
        <source>in progress</source>
        <translation>in progress</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="111"/>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/history_page.py" line="112"/>
        <source>%1 pictures</source>
        <translation>%1 pictures</translation>
    </message>
</context>
<context>
    <name>InkBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="87"/>
        <source>Pen</source>
        <translation>Pen</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="89"/>
        <source>Draw on the lesson with a pen, a finger or the mouse (D)</source>
        <translation>Draw on the lesson with a pen, a finger or the mouse (D)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="97"/>
        <source>Red</source>
        <translation>Red</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="97"/>
        <source>Blue</source>
        <translation>Blue</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="97"/>
        <source>Black</source>
        <translation>Black</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="98"/>
        <source>Yellow</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="98"/>
        <source>Green</source>
        <translation>Green</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="104"/>
        <source>Eraser</source>
        <translation>Eraser</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="106"/>
        <source>Rub out a line by touching it (E)</source>
        <translation>Rub out a line by touching it (E)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="107"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="108"/>
        <source>Remove all drawings from this page (Delete)</source>
        <translation>Remove all drawings from this page (Delete)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="109"/>
        <source>Save drawings</source>
        <translation>Save drawings</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="110"/>
        <source>Keep the drawn pages as pictures with this class</source>
        <translation>Keep the drawn pages as pictures with this class</translation>
    </message>
</context>
<context>
    <name>InkController</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="320"/>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="346"/>
        <source>Drawings not saved</source>
        <translation>Drawings not saved</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="321"/>
        <source>Drawings are kept with a class. Start a class on the Today screen, then save.</source>
        <translation>Drawings are kept with a class. Start a class on the Today screen, then save.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="331"/>
        <source>Saving the drawings…</source>
        <translation>Saving the drawings…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="336"/>
        <source>Saved %1 pictures with this class (see Class history).</source>
        <translation>Saved %1 pictures with this class (see Class history).</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="354"/>
        <source>Keep the drawings?</source>
        <translation>Keep the drawings?</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/ink_tools.py" line="355"/>
        <source>You drew on this lesson. Save the drawn pages as pictures with this class?</source>
        <translation>You drew on this lesson. Save the drawn pages as pictures with this class?</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="20"/>
        <source>Grade 1</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="21"/>
        <source>Grade 2</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="22"/>
        <source>Grade 3</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="24"/>
        <source>Grade %1</source>
        <translation>Grade %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="29"/>
        <source>Chinese</source>
        <translation>Chinese</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="30"/>
        <source>Mathematics</source>
        <translation>Mathematics</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="31"/>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="32"/>
        <source>Music</source>
        <translation>Music</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="33"/>
        <source>Art</source>
        <translation>Art</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="34"/>
        <source>Morality and Law</source>
        <translation>Morality and Law</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="35"/>
        <source>Science</source>
        <translation>Science</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="36"/>
        <source>Physical Education</source>
        <translation>Physical Education</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="42"/>
        <source>Volume 1</source>
        <translation>Volume 1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="42"/>
        <source>Volume 2</source>
        <translation>Volume 2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="47"/>
        <source>Unit %1</source>
        <translation>Unit %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="53"/>
        <source>Video</source>
        <translation>Video</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="54"/>
        <source>Audio</source>
        <translation>Audio</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="55"/>
        <source>Slides</source>
        <translation>Slides</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="56"/>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="87"/>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="88"/>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="89"/>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="90"/>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="91"/>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="92"/>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="93"/>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="99"/>
        <source>Period %1</source>
        <translation>Period %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="107"/>
        <source>Grades %1</source>
        <translation>Grades %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="112"/>
        <source>Present</source>
        <translation>Present</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="113"/>
        <source>Absent</source>
        <translation>Absent</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="114"/>
        <source>Late</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="115"/>
        <source>On leave</source>
        <translation>On leave</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="121"/>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="129"/>
        <source>less than a minute</source>
        <translation>less than a minute</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="131"/>
        <source>about %1 min</source>
        <translation>about %1 min</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/labels.py" line="132"/>
        <source>about %1 h</source>
        <translation>about %1 h</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/language_page.py" line="33"/>
        <source>Welcome to EduTeach</source>
        <translation>Welcome to EduTeach</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/language_page.py" line="35"/>
        <source>A few questions to get this computer ready for class. Every step can be skipped with Next and done later in Settings.

Choose the language:</source>
        <translation>A few questions to get this computer ready for class. Every step can be skipped with Next and done later in Settings.

Choose the language:</translation>
    </message>
</context>
<context>
    <name>LessonCard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="72"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="95"/>
        <source>Choose a lesson</source>
        <translation>Choose a lesson</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="97"/>
        <source>Open a grade and a unit on the left, click a lesson, then press Play.</source>
        <translation>Open a grade and a unit on the left, click a lesson, then press Play.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="116"/>
        <source>On this computer, ready to play.</source>
        <translation>On this computer, ready to play.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="117"/>
        <source>Downloading now: %1 %</source>
        <translation>Downloading now: %1 %</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="118"/>
        <source>Not downloaded yet. It will be downloaded at the next sync.</source>
        <translation>Not downloaded yet. It will be downloaded at the next sync.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_card.py" line="120"/>
        <source>Not subscribed: choose its grade and subject under “Choose lessons to download”.</source>
        <translation>Not subscribed: choose its grade and subject under “Choose lessons to download”.</translation>
    </message>
</context>
<context>
    <name>LibraryModel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="69"/>
        <source>Ready</source>
        <translation>Ready</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="71"/>
        <source>Downloading</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="74"/>
        <source>Waiting to download</source>
        <translation>Waiting to download</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="75"/>
        <source>Not subscribed</source>
        <translation>Not subscribed</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="90"/>
        <source>Lesson</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="238"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="90"/>
        <source>Length</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="91"/>
        <source>On this PC</source>
        <translation>On this PC</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_model.py" line="342"/>
        <source>Where</source>
        <translation>Where</translation>
    </message>
</context>
<context>
    <name>LibraryPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="101"/>
        <source>Lessons</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="105"/>
        <source>Search: title or pinyin, e.g. xxx for 小星星</source>
        <translation>Search: title or pinyin, e.g. xxx for 小星星</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="107"/>
        <source>Choose lessons to download</source>
        <translation>Choose lessons to download</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="131"/>
        <source>No lessons on this computer yet. Lessons come from the county education centre over the network, from a USB stick or from the satellite receiver. Open “Downloads” to see what is happening.</source>
        <translation>No lessons on this computer yet. Lessons come from the county education centre over the network, from a USB stick or from the satellite receiver. Open “Downloads” to see what is happening.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="216"/>
        <source>%1 lessons, %2 ready on this computer.</source>
        <translation>%1 lessons, %2 ready on this computer.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="274"/>
        <source>Preparing the search…</source>
        <translation>Preparing the search…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="281"/>
        <source>The first %1 lessons for “%2”. Type more letters to find fewer.</source>
        <translation>The first %1 lessons for “%2”. Type more letters to find fewer.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="283"/>
        <source>%1 lessons found for “%2”.</source>
        <translation>%1 lessons found for “%2”.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="285"/>
        <source>No lesson found for “%1”. Try fewer letters.</source>
        <translation>No lesson found for “%1”. Try fewer letters.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="348"/>
        <source>Not downloaded yet</source>
        <translation>Not downloaded yet</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/library_page.py" line="349"/>
        <source>This lesson is not on this computer yet. It will be downloaded at the next sync.</source>
        <translation>This lesson is not on this computer yet. It will be downloaded at the next sync.</translation>
    </message>
</context>
<context>
    <name>LibraryWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/library_window.py" line="38"/>
        <source>EduTeach — Lessons</source>
        <translation>EduTeach — Lessons</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="103"/>
        <source>EduTeach — Lessons</source>
        <translation>EduTeach — Lessons</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="124"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="125"/>
        <source>Lessons</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="126"/>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="127"/>
        <source>Pupils</source>
        <translation>Pupils</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="128"/>
        <source>Class history</source>
        <translation>Class history</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="129"/>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="130"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="182"/>
        <source>Records waiting to upload: %1</source>
        <translation>Records waiting to upload: %1</translation>
    </message>
</context>
<context>
    <name>NeverOnline</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="41"/>
        <source>This enrollment file was changed after the county made it, so it was not used. Ask the county for a new file.</source>
        <translation>This enrollment file was changed after the county made it, so it was not used. Ask the county for a new file.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="43"/>
        <source>This is not an EduTeach enrollment file. Copy the enrollment file (.etenroll) the county gave you.</source>
        <translation>This is not an EduTeach enrollment file. Copy the enrollment file (.etenroll) the county gave you.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="45"/>
        <source>The enrollment file could not be read. Copy it onto the USB stick again.</source>
        <translation>The enrollment file could not be read. Copy it onto the USB stick again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="47"/>
        <source>There is no enrollment file (.etenroll) on this USB stick. Copy the county&apos;s file onto it.</source>
        <translation>There is no enrollment file (.etenroll) on this USB stick. Copy the county&apos;s file onto it.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="49"/>
        <source>This enrollment file has expired. Ask the county for a new one, or check that this computer&apos;s date is right.</source>
        <translation>This enrollment file has expired. Ask the county for a new one, or check that this computer&apos;s date is right.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="51"/>
        <source>This enrollment file is from another county than the one this computer belongs to. Use your own county&apos;s file.</source>
        <translation>This enrollment file is from another county than the one this computer belongs to. Use your own county&apos;s file.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="53"/>
        <source>This enrollment file is for another school. Use the file made for this school.</source>
        <translation>This enrollment file is for another school. Use the file made for this school.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="55"/>
        <source>This computer was already enrolled with this file. Nothing needs to be done.</source>
        <translation>This computer was already enrolled with this file. Nothing needs to be done.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="57"/>
        <source>This computer already belongs to this school. Nothing needs to be done.</source>
        <translation>This computer already belongs to this school. Nothing needs to be done.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="59"/>
        <source>This computer was enrolled from a USB stick, so it needs no code: enter only the address and press Connect.</source>
        <translation>This computer was enrolled from a USB stick, so it needs no code: enter only the address and press Connect.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="75"/>
        <source>These lessons are older than the ones this computer already has, so nothing was changed. Ask for a newer copy.</source>
        <translation>These lessons are older than the ones this computer already has, so nothing was changed. Ask for a newer copy.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="78"/>
        <source>These lessons were signed by another county, so they were not used. Ask for a copy from your own county.</source>
        <translation>These lessons were signed by another county, so they were not used. Ask for a copy from your own county.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="81"/>
        <source>These lessons are out of date (their signature has expired). Ask the county for a fresh copy.</source>
        <translation>These lessons are out of date (their signature has expired). Ask the county for a fresh copy.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="84"/>
        <source>The lessons in this folder did not pass the safety check and were not used. Tell the technician.</source>
        <translation>The lessons in this folder did not pass the safety check and were not used. Tell the technician.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="223"/>
        <source>Enrollment file (*.etenroll)</source>
        <translation>Enrollment file (*.etenroll)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="223"/>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="374"/>
        <source>Enrolled from a USB stick as %1 (%2). Lessons come by USB stick or satellite; records go to the county on a USB stick.</source>
        <translation>Enrolled from a USB stick as %1 (%2). Lessons come by USB stick or satellite; records go to the county on a USB stick.</translation>
    </message>
</context>
<context>
    <name>NotesView</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/notes_view.py" line="84"/>
        <source>For the whole lesson</source>
        <translation>For the whole lesson</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/notes_view.py" line="95"/>
        <source>No notes for this lesson.</source>
        <translation>No notes for this lesson.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/notes_view.py" line="136"/>
        <source>(picture)</source>
        <translation>(picture)</translation>
    </message>
</context>
<context>
    <name>PagedBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="167"/>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="168"/>
        <source>Previous picture (Page Up)</source>
        <translation>Previous picture (Page Up)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="169"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="170"/>
        <source>Next picture (Page Down)</source>
        <translation>Next picture (Page Down)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="174"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="191"/>
        <source>Timer: off</source>
        <translation>Timer: off</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="175"/>
        <source>Turn pictures by themselves (T key)</source>
        <translation>Turn pictures by themselves (T key)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="182"/>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="182"/>
        <source>Picture %1 of %2</source>
        <translation>Picture %1 of %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="189"/>
        <source>Timer: %1 s</source>
        <translation>Timer: %1 s</translation>
    </message>
</context>
<context>
    <name>PeriodCard</name>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="98"/>
        <source>No lesson of this subject and grade on this computer yet.</source>
        <translation>No lesson of this subject and grade on this computer yet.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="102"/>
        <source>(not downloaded yet)</source>
        <translation>(not downloaded yet)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="109"/>
        <source>Teach another lesson in this period</source>
        <translation>Teach another lesson in this period</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="110"/>
        <source>Change lesson…</source>
        <translation>Change lesson…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="143"/>
        <source>Play 《%1》</source>
        <translation>Play 《%1》</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="147"/>
        <source>Class in progress</source>
        <translation>Class in progress</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="150"/>
        <source>Taught ✓  Start again</source>
        <translation>Taught ✓  Start again</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="154"/>
        <source>Start class</source>
        <translation>Start class</translation>
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
        <translation>Download this lesson again</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="155"/>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="156"/>
        <source>Keys and clicker (F1)</source>
        <translation>Keys and clicker (F1)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="158"/>
        <source>Projector</source>
        <translation>Projector</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="159"/>
        <source>Full screen, large text (F5)</source>
        <translation>Full screen, large text (F5)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="161"/>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="162"/>
        <source>Close the lesson (Esc)</source>
        <translation>Close the lesson (Esc)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="198"/>
        <source>The lesson file is missing or damaged, so it cannot be played. Press the button below to download it again; it is checked before use.</source>
        <translation>The lesson file is missing or damaged, so it cannot be played. Press the button below to download it again; it is checked before use.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="203"/>
        <source>The lesson file is missing or damaged, so it cannot be played. Download the lesson again, or ask the technician for help.</source>
        <translation>The lesson file is missing or damaged, so it cannot be played. Download the lesson again, or ask the technician for help.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="207"/>
        <source>This lesson cannot be played</source>
        <translation>This lesson cannot be played</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="218"/>
        <source>Downloading the lesson again in the background. You can close this window; the lesson can be played as soon as it is ready.</source>
        <translation>Downloading the lesson again in the background. You can close this window; the lesson can be played as soon as it is ready.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="384"/>
        <source>This lesson was played, but the record of it could not be saved.</source>
        <translation>This lesson was played, but the record of it could not be saved.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/player_window.py" line="389"/>
        <source>Record not saved</source>
        <translation>Record not saved</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="143"/>
        <source>Presenter view</source>
        <translation>Presenter view</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="144"/>
        <source>Connect a projector or a second screen, set it to extend this screen (not to duplicate it), and press P again.</source>
        <translation>Connect a projector or a second screen, set it to extend this screen (not to duplicate it), and press P again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="308"/>
        <source>This is the last one.</source>
        <translation>This is the last one.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="330"/>
        <source>Played %1</source>
        <translation>Played %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="332"/>
        <source>Left %1</source>
        <translation>Left %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="334"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="340"/>
        <source>Class time %1</source>
        <translation>Class time %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="342"/>
        <source>No class started</source>
        <translation>No class started</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="349"/>
        <source>This lesson has no lyrics or subtitles.</source>
        <translation>This lesson has no lyrics or subtitles.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="351"/>
        <source>This is the last line.</source>
        <translation>This is the last line.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="356"/>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter.py" line="359"/>
        <source>This page (%1)</source>
        <translation>This page (%1)</translation>
    </message>
</context>
<context>
    <name>PresenterView</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="31"/>
        <source>%1 — presenter view</source>
        <translation>%1 — presenter view</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="45"/>
        <source>One screen</source>
        <translation>One screen</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="46"/>
        <source>Show the lesson on this screen only (P)</source>
        <translation>Show the lesson on this screen only (P)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="48"/>
        <source>Close lesson</source>
        <translation>Close lesson</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="56"/>
        <source>Teaching notes</source>
        <translation>Teaching notes</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="63"/>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="82"/>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="80"/>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="81"/>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="107"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="83"/>
        <source>Blank screen</source>
        <translation>Blank screen</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/presenter_view.py" line="107"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>RepeatAfterMe</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="89"/>
        <source>Repeat after me</source>
        <translation>Repeat after me</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="92"/>
        <source>Pause after each line so the class can say it again (G key)</source>
        <translation>Pause after each line so the class can say it again (G key)</translation>
    </message>
</context>
<context>
    <name>RepeatPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="46"/>
        <source>Shorter pause</source>
        <translation>Shorter pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="47"/>
        <source>Less time to repeat each line ([ key)</source>
        <translation>Less time to repeat each line ([ key)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="50"/>
        <source>Longer pause</source>
        <translation>Longer pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="51"/>
        <source>More time to repeat each line (] key)</source>
        <translation>More time to repeat each line (] key)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="52"/>
        <source>Go on</source>
        <translation>Go on</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="53"/>
        <source>Do not wait: play the next line now (Page Down)</source>
        <translation>Do not wait: play the next line now (Page Down)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="60"/>
        <source>Repeat after me: listen to the line, then say it</source>
        <translation>Repeat after me: listen to the line, then say it</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="65"/>
        <source>Your turn! Going on in %1 s</source>
        <translation>Your turn! Going on in %1 s</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/repeat.py" line="70"/>
        <source>Pause %1×</source>
        <translation>Pause %1×</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="314"/>
        <source>Pupils</source>
        <translation>Pupils</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="320"/>
        <source>Import class list…</source>
        <translation>Import class list…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="327"/>
        <source>Import the class list exported from the student registry (Excel .xlsx or CSV) with columns such as 姓名, 性别, 学籍号, 年级, 班级. It replaces the list of each grade in the file. Names stay on this computer.</source>
        <translation>Import the class list exported from the student registry (Excel .xlsx or CSV) with columns such as 姓名, 性别, 学籍号, 年级, 班级. It replaces the list of each grade in the file. Names stay on this computer.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Gender</source>
        <translation>Gender</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Registry number</source>
        <translation>Registry number</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="336"/>
        <source>Class</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="356"/>
        <source>%1 pupils in %2</source>
        <translation>%1 pupils in %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="361"/>
        <source>Choose the class list</source>
        <translation>Choose the class list</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="362"/>
        <source>Class lists (*.xlsx *.csv);;All files (*)</source>
        <translation>Class lists (*.xlsx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="379"/>
        <source>Import %1 pupils into %2? The current lists of these grades are replaced.</source>
        <translation>Import %1 pupils into %2? The current lists of these grades are replaced.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="381"/>
        <source>Import class list</source>
        <translation>Import class list</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="387"/>
        <source>The class list was not imported</source>
        <translation>The class list was not imported</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="397"/>
        <source>This file could not be read. Save it from Excel as .xlsx or .csv and try again.</source>
        <translation>This file could not be read. Save it from Excel as .xlsx or .csv and try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="398"/>
        <source>Old Excel files (.xls) cannot be read. Save it as .xlsx and try again.</source>
        <translation>Old Excel files (.xls) cannot be read. Save it as .xlsx and try again.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="399"/>
        <source>No column 姓名 (name) was found in the first rows of the file.</source>
        <translation>No column 姓名 (name) was found in the first rows of the file.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="400"/>
        <source>The file has no 年级 (grade) column.</source>
        <translation>The file has no 年级 (grade) column.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="401"/>
        <source>The file has no pupils in it.</source>
        <translation>The file has no pupils in it.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="402"/>
        <source>The file has too many rows for one teaching point.</source>
        <translation>The file has too many rows for one teaching point.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="406"/>
        <source>Nothing was imported. Correct these rows in %1 and import again:</source>
        <translation>Nothing was imported. Correct these rows in %1 and import again:</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="409"/>
        <source>Line %1: </source>
        <translation>Line %1: </translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="411"/>
        <source>… and %1 more.</source>
        <translation>… and %1 more.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="416"/>
        <source>The name is empty.</source>
        <translation>The name is empty.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="417"/>
        <source>The grade “%1” is not grade 1, 2 or 3.</source>
        <translation>The grade “%1” is not grade 1, 2 or 3.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="418"/>
        <source>The grade is empty.</source>
        <translation>The grade is empty.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="419"/>
        <source>The gender “%1” is not 男 or 女.</source>
        <translation>The gender “%1” is not 男 or 女.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="420"/>
        <source>The registry number “%1” has characters that do not belong there.</source>
        <translation>The registry number “%1” has characters that do not belong there.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/attendance_page.py" line="421"/>
        <source>The registry number %1 appears twice in the file.</source>
        <translation>The registry number %1 appears twice in the file.</translation>
    </message>
</context>
<context>
    <name>SatelliteFolderPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="316"/>
        <source>Choose the receive folder…</source>
        <translation>Choose the receive folder…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="318"/>
        <source>Stop watching</source>
        <translation>Stop watching</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="336"/>
        <source>Choose the folder the satellite receiver writes to</source>
        <translation>Choose the folder the satellite receiver writes to</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="348"/>
        <source>No satellite folder is watched. If a satellite receiver writes lessons to this computer, choose its folder: lessons are checked and added as they arrive.</source>
        <translation>No satellite folder is watched. If a satellite receiver writes lessons to this computer, choose its folder: lessons are checked and added as they arrive.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="352"/>
        <source>Watching %1: lessons are checked and added as they arrive.</source>
        <translation>Watching %1: lessons are checked and added as they arrive.</translation>
    </message>
</context>
<context>
    <name>SatelliteWatch</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="277"/>
        <source>Receiving lessons from the satellite folder…</source>
        <translation>Receiving lessons from the satellite folder…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="294"/>
        <source>Receiving… %1 of %2 lessons are complete and can be used now; the rest arrive with the next satellite reception.</source>
        <translation>Receiving… %1 of %2 lessons are complete and can be used now; the rest arrive with the next satellite reception.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="298"/>
        <source>All %1 lessons from the satellite are complete.</source>
        <translation>All %1 lessons from the satellite are complete.</translation>
    </message>
</context>
<context>
    <name>SessionBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="53"/>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="54"/>
        <source>End class</source>
        <translation>End class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/main_window.py" line="71"/>
        <source>In class: %1 · %2 · lessons played: %3</source>
        <translation>In class: %1 · %2 · lessons played: %3</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="63"/>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="65"/>
        <source>County lesson service</source>
        <translation>County lesson service</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="68"/>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="72"/>
        <source>One-time code</source>
        <translation>One-time code</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="74"/>
        <source>from the education centre</source>
        <translation>from the education centre</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="76"/>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="86"/>
        <source>No network: USB stick and satellite</source>
        <translation>No network: USB stick and satellite</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="95"/>
        <source>Downloading</source>
        <translation>Downloading</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="96"/>
        <source>Speed limit</source>
        <translation>Speed limit</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="99"/>
        <source>No limit</source>
        <translation>No limit</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="101"/>
        <source>Leave the rest of the link to the village.</source>
        <translation>Leave the rest of the link to the village.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="103"/>
        <source>Download only between</source>
        <translation>Download only between</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="111"/>
        <source>and</source>
        <translation>and</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="117"/>
        <source>PCs nearby</source>
        <translation>PCs nearby</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="118"/>
        <source>Share my lessons with PCs nearby</source>
        <translation>Share my lessons with PCs nearby</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="120"/>
        <source>For a central school PC that stays on: the teaching points on the same network get lessons from it instead of the county link. Only verified lessons are shared, never records.</source>
        <translation>For a central school PC that stays on: the teaching points on the same network get lessons from it instead of the county link. Only verified lessons are shared, never records.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="123"/>
        <source>Get lessons from PCs nearby first</source>
        <translation>Get lessons from PCs nearby first</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="131"/>
        <source>Storage</source>
        <translation>Storage</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="134"/>
        <source>Folder</source>
        <translation>Folder</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="136"/>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="143"/>
        <source>Language and text size</source>
        <translation>Language and text size</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="144"/>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="149"/>
        <source>Text size</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="154"/>
        <source>The language changes at the next start of EduTeach.</source>
        <translation>The language changes at the next start of EduTeach.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="160"/>
        <source>Save settings</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="194"/>
        <source>Connected to %1 as %2 (%3).</source>
        <translation>Connected to %1 as %2 (%3).</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="197"/>
        <source>Not connected yet. Enter the address and the one-time code from the county education centre.</source>
        <translation>Not connected yet. Enter the address and the one-time code from the county education centre.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="220"/>
        <source>Lessons use %1; %2 free on this disk.</source>
        <translation>Lessons use %1; %2 free on this disk.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="242"/>
        <source>Sharing now: PCs nearby can find this computer.</source>
        <translation>Sharing now: PCs nearby can find this computer.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="252"/>
        <source>Saved.</source>
        <translation>Saved.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="267"/>
        <source>Enter both the address and the code.</source>
        <translation>Enter both the address and the code.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="270"/>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="284"/>
        <source>Connected. This computer now belongs to %1.</source>
        <translation>Connected. This computer now belongs to %1.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/settings_page.py" line="291"/>
        <source>Not connected: %1</source>
        <translation>Not connected: %1</translation>
    </message>
</context>
<context>
    <name>ShareSwitch</name>
    <message>
        <location filename="../../eduteach_desktop/ui/lesson_share.py" line="64"/>
        <source>Sharing could not start: another program may use port 8765. Restart this computer, or ask the technician.</source>
        <translation>Sharing could not start: another program may use port 8765. Restart this computer, or ask the technician.</translation>
    </message>
</context>
<context>
    <name>SlidesPlayback</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/paged.py" line="109"/>
        <source>This picture could not be opened. Download the lesson again.</source>
        <translation>This picture could not be opened. Download the lesson again.</translation>
    </message>
</context>
<context>
    <name>StoragePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="53"/>
        <source>Where lessons are kept</source>
        <translation>Where lessons are kept</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="55"/>
        <source>Lessons take a few gigabytes. Keep them on the drive with the most free space.</source>
        <translation>Lessons take a few gigabytes. Keep them on the drive with the most free space.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="56"/>
        <source>Folder: %1</source>
        <translation>Folder: %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="57"/>
        <source>Free space: %1</source>
        <translation>Free space: %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="59"/>
        <source>Choose another folder…</source>
        <translation>Choose another folder…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="62"/>
        <source>A new folder is used after EduTeach is restarted; the wizard then continues there.</source>
        <translation>A new folder is used after EduTeach is restarted; the wizard then continues there.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="66"/>
        <source>To keep the lessons somewhere else, start EduTeach with --data-dir FOLDER.</source>
        <translation>To keep the lessons somewhere else, start EduTeach with --data-dir FOLDER.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="69"/>
        <source>Saved. Press Finish, then open EduTeach again: it will use %1.</source>
        <translation>Saved. Press Finish, then open EduTeach again: it will use %1.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="73"/>
        <source>Choose the folder for the lessons</source>
        <translation>Choose the folder for the lessons</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/storage_page.py" line="91"/>
        <source>The folder could not be saved: %1</source>
        <translation>The folder could not be saved: %1</translation>
    </message>
</context>
<context>
    <name>SubjectsPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="157"/>
        <source>No grade chosen: nothing changes now (all lessons stay wanted). Choose later under Lessons → Choose lessons to download.</source>
        <translation>No grade chosen: nothing changes now (all lessons stay wanted). Choose later under Lessons → Choose lessons to download.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="162"/>
        <source>To download: %1 lessons, %2</source>
        <translation>To download: %1 lessons, %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="166"/>
        <source>Grades and textbooks</source>
        <translation>Grades and textbooks</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="168"/>
        <source>Tick the grades this school teaches and pick the textbook edition of each subject. Only those lessons are downloaded.</source>
        <translation>Tick the grades this school teaches and pick the textbook edition of each subject. Only those lessons are downloaded.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="171"/>
        <source>Reading the list of lessons…</source>
        <translation>Reading the list of lessons…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="172"/>
        <source>There is no list of lessons on this computer yet. Skip this step: when the first lessons have arrived, choose under Lessons → Choose lessons to download.</source>
        <translation>There is no list of lessons on this computer yet. Skip this step: when the first lessons have arrived, choose under Lessons → Choose lessons to download.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="180"/>
        <source>Grades</source>
        <translation>Grades</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="181"/>
        <source>Textbook edition of each subject</source>
        <translation>Textbook edition of each subject</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="186"/>
        <source>Not taught</source>
        <translation>Not taught</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/subjects_page.py" line="187"/>
        <source>All editions</source>
        <translation>All editions</translation>
    </message>
</context>
<context>
    <name>SubscriptionPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="49"/>
        <source>Tick the books this school uses. Only those lessons are downloaded; lessons of books you untick are removed at the next sync to free space.</source>
        <translation>Tick the books this school uses. Only those lessons are downloaded; lessons of books you untick are removed at the next sync to free space.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="57"/>
        <source>A new list of lessons is arriving from the county: these are its books.</source>
        <translation>A new list of lessons is arriving from the county: these are its books.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="64"/>
        <source>Use the county&apos;s choice</source>
        <translation>Use the county&apos;s choice</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="78"/>
        <source>Save and download</source>
        <translation>Save and download</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="81"/>
        <source>Back to the lessons</source>
        <translation>Back to the lessons</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="105"/>
        <source>The county education centre chose the textbook editions of this school: they are ticked. If you tick others and save, your choice is kept instead.</source>
        <translation>The county education centre chose the textbook editions of this school: they are ticked. If you tick others and save, your choice is kept instead.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="109"/>
        <source>These are the books you chose. The county education centre has also chosen editions for this school.</source>
        <translation>These are the books you chose. The county education centre has also chosen editions for this school.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="131"/>
        <source>%1 lessons, %2</source>
        <translation>%1 lessons, %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="147"/>
        <source>To download: %1. Free space on this computer: %2.</source>
        <translation>To download: %1. Free space on this computer: %2.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/subscription_panel.py" line="150"/>
        <source>There is not enough space: untick some books.</source>
        <translation>There is not enough space: untick some books.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="53"/>
        <source>Downloads and records</source>
        <translation>Downloads and records</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="60"/>
        <source>New lessons</source>
        <translation>New lessons</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="71"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="72"/>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="74"/>
        <source>Look for new lessons now</source>
        <translation>Look for new lessons now</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="89"/>
        <source>Records for the county</source>
        <translation>Records for the county</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="94"/>
        <source>Send records now</source>
        <translation>Send records now</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="129"/>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="151"/>
        <source>Paused. Press Continue to go on from where it stopped.</source>
        <translation>Paused. Press Continue to go on from where it stopped.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="131"/>
        <source>Paused because this network is paid by the amount of data (mobile data). It continues on a normal network.</source>
        <translation>Paused because this network is paid by the amount of data (mobile data). It continues on a normal network.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="140"/>
        <source>Looking for new lessons…</source>
        <translation>Looking for new lessons…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="143"/>
        <source>Downloading 《%1》 (lesson %2 of %3)</source>
        <translation>Downloading 《%1》 (lesson %2 of %3)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="147"/>
        <source>Making the new lessons ready…</source>
        <translation>Making the new lessons ready…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="149"/>
        <source>All chosen lessons are on this computer.</source>
        <translation>All chosen lessons are on this computer.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="153"/>
        <source>Waiting for the download hours set in Settings (%1).</source>
        <translation>Waiting for the download hours set in Settings (%1).</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="156"/>
        <source>Some lessons could not be downloaded this time. EduTeach tries again later by itself.</source>
        <translation>Some lessons could not be downloaded this time. EduTeach tries again later by itself.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="159"/>
        <source>Starting…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="160"/>
        <source>Nothing is downloading now.</source>
        <translation>Nothing is downloading now.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="166"/>
        <source>The lessons offered are older than the ones on this computer, so nothing was changed.</source>
        <translation>The lessons offered are older than the ones on this computer, so nothing was changed.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="169"/>
        <source>The county lesson service&apos;s safety signature is out of date, or this computer&apos;s date is wrong. Check the date and time; if it is right, tell the technician. The lessons already here can be used as usual.</source>
        <translation>The county lesson service&apos;s safety signature is out of date, or this computer&apos;s date is wrong. Check the date and time; if it is right, tell the technician. The lessons already here can be used as usual.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="173"/>
        <source>These lessons come from another county&apos;s lesson service and were not used. Tell the technician. The lessons already here can be used as usual.</source>
        <translation>These lessons come from another county&apos;s lesson service and were not used. Tell the technician. The lessons already here can be used as usual.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="176"/>
        <source>The lesson address does not lead to the county lesson service (a Wi-Fi login page may be in the way). Tell the technician. The lessons already here can be used as usual.</source>
        <translation>The lesson address does not lead to the county lesson service (a Wi-Fi login page may be in the way). Tell the technician. The lessons already here can be used as usual.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="179"/>
        <source>The lessons offered did not pass the safety check and were not used. Tell the technician. The lessons already here can be used as usual.</source>
        <translation>The lessons offered did not pass the safety check and were not used. Tell the technician. The lessons already here can be used as usual.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="184"/>
        <source>This computer is not connected to the county lesson service yet. Lessons can still come from a USB stick. See Settings.</source>
        <translation>This computer is not connected to the county lesson service yet. Lessons can still come from a USB stick. See Settings.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="194"/>
        <source>PC nearby %1</source>
        <translation>PC nearby %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="196"/>
        <source>folder %1</source>
        <translation>folder %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="198"/>
        <source>county service</source>
        <translation>county service</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="200"/>
        <source>From: %1</source>
        <translation>From: %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="209"/>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="214"/>
        <source>%1 left</source>
        <translation>%1 left</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="229"/>
        <source>EduTeach cannot tell on this computer whether the network is mobile data, so downloads are not paused for it.</source>
        <translation>EduTeach cannot tell on this computer whether the network is mobile data, so downloads are not paused for it.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="232"/>
        <source>No network now. Downloads and records continue when it is back.</source>
        <translation>No network now. Downloads and records continue when it is back.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="234"/>
        <source>Mobile data (paid by amount): lesson downloads wait.</source>
        <translation>Mobile data (paid by amount): lesson downloads wait.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="236"/>
        <source>Network connected.</source>
        <translation>Network connected.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="251"/>
        <source>%1 records are waiting to be sent to the county; sending them has failed %2 times. They are kept safe and go as soon as the county service answers.</source>
        <translation>%1 records are waiting to be sent to the county; sending them has failed %2 times. They are kept safe and go as soon as the county service answers.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="254"/>
        <source>%1 records are waiting to be sent to the county.</source>
        <translation>%1 records are waiting to be sent to the county.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="258"/>
        <source>All records have been sent.</source>
        <translation>All records have been sent.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="259"/>
        <source>Last sent: %1</source>
        <translation>Last sent: %1</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="260"/>
        <source>never</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="262"/>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="262"/>
        <source>not complete</source>
        <translation>not complete</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="263"/>
        <source>Last looked for new lessons: %1 (%2)</source>
        <translation>Last looked for new lessons: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="267"/>
        <source>Has not looked for new lessons yet.</source>
        <translation>Has not looked for new lessons yet.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="270"/>
        <source>This computer is not connected to the county yet, so records wait here safely. They can also go by USB stick (ask the technician).</source>
        <translation>This computer is not connected to the county yet, so records wait here safely. They can also go by USB stick (ask the technician).</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="273"/>
        <source>Sending…</source>
        <translation>Sending…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="277"/>
        <source>Next try in %1.</source>
        <translation>Next try in %1.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="284"/>
        <source>%1 records were refused by the county server and are kept aside; the others are not held up. Tell the technician. Reasons:</source>
        <translation>%1 records were refused by the county server and are kept aside; the others are not held up. Tell the technician. Reasons:</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="295"/>
        <source>The county server has a problem right now. Records wait here safely.</source>
        <translation>The county server has a problem right now. Records wait here safely.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/sync_page.py" line="296"/>
        <source>The records could not be sent (no connection to the county server). They wait here safely.</source>
        <translation>The records could not be sent (no connection to the county server). They wait here safely.</translation>
    </message>
</context>
<context>
    <name>TimedBar</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="64"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="68"/>
        <source>10 s</source>
        <translation>10 s</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="65"/>
        <source>Back 10 seconds (Left arrow, Page Up)</source>
        <translation>Back 10 seconds (Left arrow, Page Up)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="66"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="114"/>
        <source>Play</source>
        <translation>Play</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="67"/>
        <source>Play or pause (Space)</source>
        <translation>Play or pause (Space)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="69"/>
        <source>Forward 10 seconds (Right arrow, Page Down)</source>
        <translation>Forward 10 seconds (Right arrow, Page Down)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="71"/>
        <source>Speed: click for the next one (+ and − keys)</source>
        <translation>Speed: click for the next one (+ and − keys)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="72"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="127"/>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="148"/>
        <source>A-B loop</source>
        <translation>A-B loop</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="73"/>
        <source>Press at A, again at B; the part between repeats (A key)</source>
        <translation>Press at A, again at B; the part between repeats (A key)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="74"/>
        <source>Repeat sentence</source>
        <translation>Repeat sentence</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="75"/>
        <source>Play the current sentence again (R key)</source>
        <translation>Play the current sentence again (R key)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="108"/>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="111"/>
        <source>Play again</source>
        <translation>Play again</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="129"/>
        <source>A set; press for B</source>
        <translation>A set; press for B</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/controls.py" line="133"/>
        <source>Loop %1–%2</source>
        <translation>Loop %1–%2</translation>
    </message>
</context>
<context>
    <name>TimedPlayback</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/timed.py" line="98"/>
        <source>Continuing where you stopped (%1). Home: from the start.</source>
        <translation>Continuing where you stopped (%1). Home: from the start.</translation>
    </message>
</context>
<context>
    <name>TimetablePage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="52"/>
        <source>Timetable</source>
        <translation>Timetable</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="54"/>
        <source>Back to today</source>
        <translation>Back to today</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="59"/>
        <source>Click a period, choose the subject and the grades taught together, then Save.</source>
        <translation>Click a period, choose the subject and the grades taught together, then Save.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="80"/>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="85"/>
        <source>Grades (tick several for a combined class)</source>
        <translation>Grades (tick several for a combined class)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="93"/>
        <source>Starts at (optional)</source>
        <translation>Starts at (optional)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="98"/>
        <source>Lesson</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="103"/>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="105"/>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="146"/>
        <source>Click a period in the grid.</source>
        <translation>Click a period in the grid.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="171"/>
        <source>Automatic: the next lesson not taught yet</source>
        <translation>Automatic: the next lesson not taught yet</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="188"/>
        <source>Choose a grade</source>
        <translation>Choose a grade</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="189"/>
        <source>Tick at least one grade for this period.</source>
        <translation>Tick at least one grade for this period.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="193"/>
        <source>Time not understood</source>
        <translation>Time not understood</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/timetable_page.py" line="194"/>
        <source>Write the time like 08:00, or leave it empty.</source>
        <translation>Write the time like 08:00, or leave it empty.</translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="185"/>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="187"/>
        <source>Edit timetable</source>
        <translation>Edit timetable</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="198"/>
        <source>No periods today in the timetable. Press “Edit timetable” to add this week&apos;s periods, or start a class here.</source>
        <translation>No periods today in the timetable. Press “Edit timetable” to add this week&apos;s periods, or start a class here.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="210"/>
        <source>Another class</source>
        <translation>Another class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="221"/>
        <source>Start this class</source>
        <translation>Start this class</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="280"/>
        <source>Choose a grade</source>
        <translation>Choose a grade</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/today_page.py" line="281"/>
        <source>Tick at least one grade for this class.</source>
        <translation>Tick at least one grade for this class.</translation>
    </message>
</context>
<context>
    <name>TrackSwitch</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="294"/>
        <source>Switch between the demo singing and the accompaniment, at the same place (T key)</source>
        <translation>Switch between the demo singing and the accompaniment, at the same place (T key)</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="307"/>
        <source>The %1 recording is shorter and has ended here; go back a little to switch.</source>
        <translation>The %1 recording is shorter and has ended here; go back a little to switch.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="318"/>
        <source>The %1 recording cannot be played; the lesson goes on with the %2.</source>
        <translation>The %1 recording cannot be played; the lesson goes on with the %2.</translation>
    </message>
</context>
<context>
    <name>Tracks</name>
    <message>
        <location filename="../../eduteach_desktop/ui/player/modes.py" line="36"/>
        <source>The %1 recording is missing or damaged; the lesson plays without it.</source>
        <translation>The %1 recording is missing or damaged; the lesson plays without it.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="36"/>
        <source>Demo singing</source>
        <translation>Demo singing</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="37"/>
        <source>Accompaniment</source>
        <translation>Accompaniment</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/player/tracks.py" line="38"/>
        <source>Speech</source>
        <translation>Speech</translation>
    </message>
</context>
<context>
    <name>UpdateNotice</name>
    <message>
        <location filename="../../eduteach_desktop/ui/update_notice.py" line="52"/>
        <source>New version %1 is downloaded; it is installed when you close EduTeach.</source>
        <translation>New version %1 is downloaded; it is installed when you close EduTeach.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/update_notice.py" line="55"/>
        <source>New version %1 did not start properly, so EduTeach %2 is back; your lessons and records are safe.</source>
        <translation>New version %1 did not start properly, so EduTeach %2 is back; your lessons and records are safe.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/update_notice.py" line="59"/>
        <source>New version %1 could not be downloaded or installed this time; EduTeach works as before. A technician can see why with &quot;eduteach doctor&quot;.</source>
        <translation>New version %1 could not be downloaded or installed this time; EduTeach works as before. A technician can see why with &quot;eduteach doctor&quot;.</translation>
    </message>
</context>
<context>
    <name>UsbEnrollPanel</name>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="126"/>
        <source>No network? The county can give you an enrollment file on a USB stick instead of a code.</source>
        <translation>No network? The county can give you an enrollment file on a USB stick instead of a code.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="128"/>
        <source>From a USB stick…</source>
        <translation>From a USB stick…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="129"/>
        <source>Join this school</source>
        <translation>Join this school</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="130"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="137"/>
        <source>This computer will join county %1, school %2 (%3). Check that the key %4 is the one on the county&apos;s sheet, then press Join.</source>
        <translation>This computer will join county %1, school %2 (%3). Check that the key %4 is the one on the county&apos;s sheet, then press Join.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="154"/>
        <source>Choose the enrollment file (.etenroll) on the USB stick</source>
        <translation>Choose the enrollment file (.etenroll) on the USB stick</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="170"/>
        <source>Reading the enrollment file…</source>
        <translation>Reading the enrollment file…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/never_online.py" line="200"/>
        <source>Enrolled. This computer now belongs to %1; its lessons and records travel by USB stick.</source>
        <translation>Enrolled. This computer now belongs to %1; its lessons and records travel by USB stick.</translation>
    </message>
</context>
<context>
    <name>UsbPage</name>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="47"/>
        <source>Lessons from a USB stick</source>
        <translation>Lessons from a USB stick</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="49"/>
        <source>If you brought lessons on a USB stick, copy them in now: choose the lesson folder on the stick. Otherwise press Finish.</source>
        <translation>If you brought lessons on a USB stick, copy them in now: choose the lesson folder on the stick. Otherwise press Finish.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="51"/>
        <source>Choose the USB folder…</source>
        <translation>Choose the USB folder…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="62"/>
        <source>Choose the lesson folder on the USB stick</source>
        <translation>Choose the lesson folder on the USB stick</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="67"/>
        <source>%1 holds no EduTeach lessons (no “metadata” folder was found in it). Choose the folder the county copied onto the stick.</source>
        <translation>%1 holds no EduTeach lessons (no “metadata” folder was found in it). Choose the folder the county copied onto the stick.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="77"/>
        <source>Checking the lessons on the stick…</source>
        <translation>Checking the lessons on the stick…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="92"/>
        <source>Copying lesson %1 of %2…</source>
        <translation>Copying lesson %1 of %2…</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="107"/>
        <source>Done: %1 lessons are ready.</source>
        <translation>Done: %1 lessons are ready.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="110"/>
        <source>The lessons on this stick did not pass the safety check for this computer (they come from a source it does not trust). Connect to the county lesson service first, or ask for a stick made for this county.</source>
        <translation>The lessons on this stick did not pass the safety check for this computer (they come from a source it does not trust). Connect to the county lesson service first, or ask for a stick made for this county.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="115"/>
        <source>%1 of %2 lessons were copied; the others are not on the stick or are damaged. They will come with the next download.</source>
        <translation>%1 of %2 lessons were copied; the others are not on the stick or are damaged. They will come with the next download.</translation>
    </message>
    <message>
        <location filename="../../eduteach_desktop/ui/wizard/usb_page.py" line="122"/>
        <source>The lessons were not copied: %1</source>
        <translation>The lessons were not copied: %1</translation>
    </message>
</context>
</TS>
