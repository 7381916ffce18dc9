<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Learn Python concurrency by running it: real processes, real measurements.</source>
        <translation>通过实际运行来学习 Python 并发：真实的进程，真实的测量。</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <source>Concurrency Lab is free software under the MIT licence. It uses Qt and PySide6 under the GNU Lesser General Public License v3 (&lt;a href=&quot;{lgpl}&quot;&gt;LGPL-3.0&lt;/a&gt;; Qt sources: &lt;a href=&quot;{source}&quot;&gt;download.qt.io&lt;/a&gt;), pyqtgraph (MIT), NumPy and psutil (BSD-3-Clause) and Python (PSF licence).</source>
        <translation>Concurrency Lab 是 MIT 许可证下的自由软件。它依据 GNU 宽通用公共许可证第 3 版（&lt;a href=&quot;{lgpl}&quot;&gt;LGPL-3.0&lt;/a&gt;；Qt 源代码：&lt;a href=&quot;{source}&quot;&gt;download.qt.io&lt;/a&gt;）使用 Qt 和 PySide6，并使用 pyqtgraph（MIT）、NumPy 和 psutil（BSD-3-Clause）以及 Python（PSF 许可证）。</translation>
    </message>
    <message>
        <source>The licence texts are installed with the app in: {folder}</source>
        <translation>许可证全文随应用安装在：{folder}</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>关于 {app}</translation>
    </message>
</context>
<context>
    <name>CodeView</name>
    <message>
        <source># The source of {module} could not be read: {error}</source>
        <translation># 无法读取 {module} 的源代码：{error}</translation>
    </message>
</context>
<context>
    <name>CpuPlot</name>
    <message>
        <source>CPU per logical core (%)</source>
        <translation>每个逻辑核心的 CPU 占用（%）</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>秒前</translation>
    </message>
    <message>
        <source>cores (one row each) / total %</source>
        <translation>核心（每行一个）/ 总计 %</translation>
    </message>
    <message>
        <source>machine total</source>
        <translation>整机总计</translation>
    </message>
    <message>
        <source>core {number}</source>
        <translation>核心 {number}</translation>
    </message>
</context>
<context>
    <name>DepthPlot</name>
    <message>
        <source>Queue depth (items put − items got)</source>
        <translation>队列深度（放入项数 − 取出项数）</translation>
    </message>
    <message>
        <source>seconds since the run started</source>
        <translation>自运行开始以来的秒数</translation>
    </message>
</context>
<context>
    <name>EventLogModel</name>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
    <message>
        <source>Worker</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>put → {queue}</source>
        <translation>放入 → {queue}</translation>
    </message>
    <message>
        <source>got ← {queue}</source>
        <translation>取出 ← {queue}</translation>
    </message>
    <message>
        <source>phase: {phase}</source>
        <translation>阶段：{phase}</translation>
    </message>
    <message>
        <source>process started</source>
        <translation>进程已启动</translation>
    </message>
    <message>
        <source>main returned</source>
        <translation>main 已返回</translation>
    </message>
    <message>
        <source>raised {error}</source>
        <translation>抛出 {error}</translation>
    </message>
</context>
<context>
    <name>ExplanationView</name>
    <message>
        <source>What to watch:</source>
        <translation>观察要点：</translation>
    </message>
    <message>
        <source>Concepts:</source>
        <translation>概念：</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonHeader</name>
    <message>
        <source>Pick a lesson</source>
        <translation>选择一课</translation>
    </message>
    <message>
        <source>Choose a lesson on the left, set its parameters and press Run.</source>
        <translation>在左侧选择一课，设置参数，然后点击“运行”。</translation>
    </message>
    <message>
        <source>What to watch:</source>
        <translation>观察要点：</translation>
    </message>
</context>
<context>
    <name>LessonPicker</name>
    <message>
        <source>Search lessons (e.g. Lock, queue, GIL)</source>
        <translation>搜索课程（例如 Lock、队列、GIL）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>The translation file is missing: only the lessons switch language.</source>
        <translation>缺少翻译文件：只有课程内容会切换语言。</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the lesson with these parameters (F5)</source>
        <translation>用这些参数运行本课（F5）</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>停止(&amp;S)</translation>
    </message>
    <message>
        <source>Stop the run and every process it started (Shift+F5, Esc)</source>
        <translation>停止运行及其启动的所有进程（Shift+F5、Esc）</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>关于 {app}(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <translation>恢复默认值</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Running… the verdict appears when the run ends.</source>
        <translation>运行中……运行结束后显示结论。</translation>
    </message>
    <message>
        <source>The run could not start: {error}</source>
        <translation>无法开始运行：{error}</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>正在停止……</translation>
    </message>
    <message>
        <source>This run: up to {processes} processes and {threads} threads, about {memory} MB.</source>
        <translation>本次运行：最多 {processes} 个进程和 {threads} 个线程，约 {memory} MB。</translation>
    </message>
    <message>
        <source>Run of {lesson} ended: {status} after {seconds:.2f} s</source>
        <translation>{lesson} 运行结束：{status}，用时 {seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>Running {lesson}… {seconds:.1f} s</source>
        <translation>正在运行 {lesson}…… {seconds:.1f} 秒</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>{values}, default {default}</source>
        <translation>{values}，默认 {default}</translation>
    </message>
    <message>
        <source>{label}:</source>
        <translation>{label}：</translation>
    </message>
</context>
<context>
    <name>ParamUnit</name>
    <message>
        <source>processes</source>
        <translation>个进程</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>个线程</translation>
    </message>
    <message>
        <source>workers</source>
        <translation>个工作者</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation>个任务</translation>
    </message>
    <message>
        <source>coroutines</source>
        <translation>个协程</translation>
    </message>
    <message>
        <source>clients</source>
        <translation>个客户端</translation>
    </message>
    <message>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>条消息</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation>字节</translation>
    </message>
    <message>
        <source>lines</source>
        <translation>行</translation>
    </message>
    <message>
        <source>links</source>
        <translation>个链接</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页</translation>
    </message>
    <message>
        <source>pieces</source>
        <translation>块</translation>
    </message>
    <message>
        <source>reads</source>
        <translation>次读取</translation>
    </message>
    <message>
        <source>rounds</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation>张票</translation>
    </message>
    <message>
        <source>trials</source>
        <translation>次试验</translation>
    </message>
    <message>
        <source>PINs</source>
        <translation>个 PIN 码</translation>
    </message>
    <message>
        <source>s</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Run the lesson to see what really happens.</source>
        <translation>运行本课，看看实际发生了什么。</translation>
    </message>
    <message>
        <source>{seconds:.2f} s</source>
        <translation>{seconds:.2f} 秒</translation>
    </message>
</context>
</TS>
