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
    <name>AppearanceController</name>
    <message>
        <source>&amp;Presenter mode</source>
        <translation type="vanished">演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Larger text, thicker lines, high contrast (F11)</source>
        <translation type="vanished">更大的文字、更粗的线条、高对比度（F11）</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation type="vanished">主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow &amp;system</source>
        <translation type="vanished">跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation type="vanished">浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation type="vanished">深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Lesson</source>
        <translation type="vanished">课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Next lesson</source>
        <translation type="vanished">下一课(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous lesson</source>
        <translation type="vanished">上一课(&amp;P)</translation>
    </message>
    <message>
        <source>Reset settings to &amp;defaults…</source>
        <translation type="vanished">将设置恢复为默认值(&amp;D)…</translation>
    </message>
    <message>
        <source>Every setting is back to its default.</source>
        <translation type="vanished">所有设置均已恢复为默认值。</translation>
    </message>
    <message>
        <source>Reset settings</source>
        <translation type="vanished">重置设置</translation>
    </message>
    <message>
        <source>Forget every setting: window layout, theme, presenter mode, language, caps and the parameters last used for each lesson?</source>
        <translation type="vanished">清除所有设置：窗口布局、主题、演示模式、语言、资源上限以及每节课上次使用的参数？</translation>
    </message>
</context>
<context>
    <name>BusyBanner</name>
    <message>
        <source>The machine is busy: other programs are using about {cores:.1f} of {total} cores. Timing lessons (speed-ups, CPU shares) will show less than the machine can do until they stop.</source>
        <translation type="vanished">机器正忙：其他程序正在使用约 {cores:.1f} 个核（共 {total} 个）。在它们停止之前，计时类课程（加速比、CPU 占比）显示的结果会低于机器的实际能力。</translation>
    </message>
    <message>
        <source>Busy machine: other programs use about {cores:.1f} of {total} cores, so timing lessons (speed-ups, CPU shares) will show less than usual.</source>
        <translation>机器正忙：其他程序正在使用约 {cores:.1f} 个核（共 {total} 个），计时类课程（加速比、CPU 占比）显示的结果会低于平常。</translation>
    </message>
    <message>
        <source>Other programs use {cores:.1f} / {total} cores — timing lessons are affected</source>
        <translation>其他程序占用 {cores:.1f} / {total} 核 — 计时类课程会受影响</translation>
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
    <name>CompareWindow</name>
    <message>
        <source>Press Run both to see this variant&apos;s verdict.</source>
        <translation>按“两个都运行”查看这个变体的结论。</translation>
    </message>
    <message>
        <source>Waiting for its turn…</source>
        <translation>等待轮到它运行…</translation>
    </message>
    <message>
        <source>Not started.</source>
        <translation>未启动。</translation>
    </message>
    <message>
        <source>{side} could not start: {error}</source>
        <translation>{side} 无法启动：{error}</translation>
    </message>
    <message>
        <source>Running… the verdict appears when the run ends.</source>
        <translation>运行中……运行结束后显示结论。</translation>
    </message>
    <message>
        <source>Running {sides}… {seconds:.1f} s</source>
        <translation>正在运行 {sides}… {seconds:.1f} 秒</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>完成。</translation>
    </message>
    <message>
        <source>run time (s)</source>
        <translation type="vanished">运行时间（秒）</translation>
    </message>
    <message>
        <source>whole run, from Run to the end</source>
        <translation>整个运行（从按下运行到结束）</translation>
    </message>
    <message>
        <source>Compare variants — {lesson}</source>
        <translation>比较变体 — {lesson}</translation>
    </message>
    <message>
        <source>Compare variants of: {lesson}</source>
        <translation>比较变体：{lesson}</translation>
    </message>
    <message>
        <source>Run both</source>
        <translation>两个都运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>At the same time</source>
        <translation>同时运行</translation>
    </message>
    <message>
        <source>Run A and B together instead of one after the other. Each then gets about half of the cores, so their times are not comparable with a run on its own.</source>
        <translation>让 A 和 B 同时运行，而不是一个接一个。这样每个只能分到大约一半的核心，所以它们的用时无法与单独运行相比。</translation>
    </message>
    <message>
        <source>This lesson measures speed or CPU share: two runs at once would share the cores, so A and B take turns.</source>
        <translation>这一课测量的是速度或 CPU 占用：同时运行两次会共享核心，所以 A 和 B 轮流运行。</translation>
    </message>
    <message>
        <source>%v of %m runs done</source>
        <translation>已完成 %v / %m 次运行</translation>
    </message>
    <message>
        <source>{side}: CPU of this run (coloured) and of the whole machine (grey), %</source>
        <translation>{side}：本次运行的 CPU（彩色）与整台机器的 CPU（灰色），%</translation>
    </message>
    <message>
        <source>seconds since the run started</source>
        <translation>运行开始后的秒数</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>B/A</source>
        <translation>B/A</translation>
    </message>
</context>
<context>
    <name>CountersView</name>
    <message>
        <source>peak {peak}</source>
        <translation>峰值 {peak}</translation>
    </message>
    <message>
        <source>In the code: probe.count(&quot;{name}&quot;, …)</source>
        <translation>代码中：probe.count(&quot;{name}&quot;, …)</translation>
    </message>
    <message>
        <source>Counters</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>At Stop</source>
        <translation>停止时</translation>
    </message>
    <message>
        <source>The counts when the run was stopped: it did not finish, so they are not its final counts.</source>
        <translation>运行被停止时的计数：运行没有完成，所以它们不是最终的计数。</translation>
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
        <source>seconds since the run started</source>
        <translation>自运行开始以来的秒数</translation>
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
        <source>this run</source>
        <translation>本次运行</translation>
    </message>
    <message>
        <source>core {number}</source>
        <translation>核心 {number}</translation>
    </message>
    <message>
        <source>this run, cores</source>
        <translation>本次运行（核）</translation>
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
    <message>
        <source>seconds ago</source>
        <translation>秒前</translation>
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
        <source>queue {queue} created, maxsize {maxsize}</source>
        <translation>创建队列 {queue}，maxsize 为 {maxsize}</translation>
    </message>
    <message>
        <source>queue {queue} created, unbounded</source>
        <translation>创建队列 {queue}，不限长度</translation>
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
    <message>
        <source>child pid {pid} exited with code {code}</source>
        <translation>子进程 pid {pid} 以退出码 {code} 结束</translation>
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
    <name>FindBar</name>
    <message>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>&amp;Replay</source>
        <translation type="vanished">重放(&amp;R)</translation>
    </message>
    <message>
        <source>Show this run again, without running it (double-click)</source>
        <translation type="vanished">重新显示这次运行，而不再次运行（双击）</translation>
    </message>
    <message>
        <source>&amp;Open saved run…</source>
        <translation type="vanished">打开保存的运行(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save run…</source>
        <translation type="vanished">保存运行(&amp;S)…</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation type="vanished">导出(&amp;X)</translation>
    </message>
    <message>
        <source>Samples as &amp;CSV…</source>
        <translation type="vanished">采样导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Timeline as &amp;trace JSON (Perfetto)…</source>
        <translation type="vanished">时间线导出为 trace JSON（Perfetto）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Plots as PNG…</source>
        <translation type="vanished">图表导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Opened from {file}</source>
        <translation>打开自 {file}</translation>
    </message>
    <message>
        <source>A run is in progress: replay it once the run has ended.</source>
        <translation type="vanished">正在运行中：请在运行结束后再重放。</translation>
    </message>
    <message>
        <source>Replayed the run of {lesson} from {time}.</source>
        <translation type="vanished">已重放 {time} 的 {lesson} 运行。</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}</source>
        <translation type="vanished">无法写入 {file}：{error}</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation type="vanished">已保存 {file}</translation>
    </message>
    <message>
        <source>Open saved run</source>
        <translation type="vanished">打开保存的运行</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation type="vanished">保存运行</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation type="vanished">导出采样</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="vanished">CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation type="vanished">导出时间线</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation type="vanished">导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="vanished">PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation type="vanished">JSON 文件 (*.json)</translation>
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
    <name>LessonNavigation</name>
    <message>
        <source>&amp;Lesson</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Next lesson</source>
        <translation>下一课(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous lesson</source>
        <translation>上一课(&amp;P)</translation>
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
    <name>LoadProgress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop opening the file (Esc)</source>
        <translation>停止打开该文件（Esc）</translation>
    </message>
    <message>
        <source>Opening {file}…</source>
        <translation>正在打开 {file}…</translation>
    </message>
    <message>
        <source>Opening {file}: checking {items} events and samples…</source>
        <translation>正在打开 {file}：正在检查 {items} 个事件和采样…</translation>
    </message>
    <message>
        <source>Opening {file}: {done} of {total} MB read ({items} events and samples)…</source>
        <translation>正在打开 {file}：已读取 {done} / {total} MB（{items} 个事件和采样）…</translation>
    </message>
    <message>
        <source>Opening {file}: preparing the views of {items} events and samples…</source>
        <translation>正在打开 {file}：正在为 {items} 个事件和采样准备视图…</translation>
    </message>
    <message>
        <source>Replaying the run of {lesson} from {time}: preparing the views of {items} events and samples…</source>
        <translation>正在重放 {time} 的 {lesson} 运行：正在为 {items} 个事件和采样准备视图…</translation>
    </message>
</context>
<context>
    <name>LookController</name>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>Larger text, thicker lines, high contrast (F11)</source>
        <translation>更大的文字、更粗的线条、高对比度（F11）</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>Follow &amp;system</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
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
        <source>This run: up to {processes} and {threads}, about {memory} MB.</source>
        <translation>本次运行：最多 {processes}和 {threads}，约 {memory} MB。</translation>
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
        <translation type="vanished">本次运行：最多 {processes} 个进程和 {threads} 个线程，约 {memory} MB。</translation>
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
    <message>
        <source>{label}: allowed {range}</source>
        <translation>{label}：允许 {range}</translation>
    </message>
</context>
<context>
    <name>ParamUnit</name>
    <message>
        <source>processes</source>
        <translation type="vanished">个进程</translation>
    </message>
    <message>
        <source>threads</source>
        <translation type="vanished">个线程</translation>
    </message>
    <message>
        <source>workers</source>
        <translation type="vanished">个工作者</translation>
    </message>
    <message>
        <source>tasks</source>
        <translation type="vanished">个任务</translation>
    </message>
    <message>
        <source>coroutines</source>
        <translation type="vanished">个协程</translation>
    </message>
    <message>
        <source>clients</source>
        <translation type="vanished">个客户端</translation>
    </message>
    <message>
        <source>items</source>
        <translation type="vanished">项</translation>
    </message>
    <message>
        <source>messages</source>
        <translation type="vanished">条消息</translation>
    </message>
    <message>
        <source>bytes</source>
        <translation type="vanished">字节</translation>
    </message>
    <message>
        <source>lines</source>
        <translation type="vanished">行</translation>
    </message>
    <message>
        <source>links</source>
        <translation type="vanished">个链接</translation>
    </message>
    <message>
        <source>pages</source>
        <translation type="vanished">页</translation>
    </message>
    <message>
        <source>pieces</source>
        <translation type="vanished">块</translation>
    </message>
    <message>
        <source>reads</source>
        <translation type="vanished">次读取</translation>
    </message>
    <message>
        <source>rounds</source>
        <translation type="vanished">轮</translation>
    </message>
    <message>
        <source>steps</source>
        <translation type="vanished">步</translation>
    </message>
    <message>
        <source>tickets</source>
        <translation type="vanished">张票</translation>
    </message>
    <message>
        <source>trials</source>
        <translation type="vanished">次试验</translation>
    </message>
    <message>
        <source>PINs</source>
        <translation type="vanished">个 PIN 码</translation>
    </message>
    <message>
        <source>s</source>
        <translation type="vanished">秒</translation>
    </message>
    <message>
        <source>ms</source>
        <translation type="vanished">毫秒</translation>
    </message>
    <message>
        <source>process</source>
        <translation type="vanished">个进程</translation>
    </message>
    <message>
        <source>thread</source>
        <translation type="vanished">个线程</translation>
    </message>
    <message>
        <source>worker</source>
        <translation type="vanished">个工作者</translation>
    </message>
    <message>
        <source>task</source>
        <translation type="vanished">个任务</translation>
    </message>
    <message>
        <source>coroutine</source>
        <translation type="vanished">个协程</translation>
    </message>
    <message>
        <source>client</source>
        <translation type="vanished">个客户端</translation>
    </message>
    <message>
        <source>item</source>
        <translation type="vanished">项</translation>
    </message>
    <message>
        <source>message</source>
        <translation type="vanished">条消息</translation>
    </message>
    <message>
        <source>byte</source>
        <translation type="vanished">字节</translation>
    </message>
    <message>
        <source>line</source>
        <translation type="vanished">行</translation>
    </message>
    <message>
        <source>link</source>
        <translation type="vanished">个链接</translation>
    </message>
    <message>
        <source>page</source>
        <translation type="vanished">页</translation>
    </message>
    <message>
        <source>piece</source>
        <translation type="vanished">块</translation>
    </message>
    <message>
        <source>read</source>
        <translation type="vanished">次读取</translation>
    </message>
    <message>
        <source>round</source>
        <translation type="vanished">轮</translation>
    </message>
    <message>
        <source>step</source>
        <translation type="vanished">步</translation>
    </message>
    <message>
        <source>ticket</source>
        <translation type="vanished">张票</translation>
    </message>
    <message>
        <source>trial</source>
        <translation type="vanished">次试验</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="vanished">个 PIN 码</translation>
    </message>
</context>
<context>
    <name>PhaseBands</name>
    <message>
        <source>{name} · ~{cores} core</source>
        <translation>{name} · 约 {cores} 核</translation>
    </message>
    <message>
        <source>{name} · ~{cores} cores</source>
        <translation>{name} · 约 {cores} 核</translation>
    </message>
</context>
<context>
    <name>Playground</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>Starters</source>
        <translation>示例脚本</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Run script</source>
        <translation>运行脚本</translation>
    </message>
    <message>
        <source>Save the script, then run it (Ctrl+R)</source>
        <translation>先保存脚本，再运行它（Ctrl+R）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>The file could not be opened: {error}</source>
        <translation>无法打开文件：{error}</translation>
    </message>
    <message>
        <source>Save the script</source>
        <translation>保存脚本</translation>
    </message>
    <message>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <source>The file could not be saved: {error}</source>
        <translation>无法保存文件：{error}</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>{name} has unsaved changes. Save them?</source>
        <translation>{name} 有未保存的更改。要保存吗？</translation>
    </message>
    <message>
        <source>Running {name}…</source>
        <translation>正在运行 {name}…</translation>
    </message>
    <message>
        <source>scratch</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Playground: {name}</source>
        <translation>练习场：{name}</translation>
    </message>
    <message>
        <source>Open a Python script</source>
        <translation>打开 Python 脚本</translation>
    </message>
    <message>
        <source>Exercise for this lesson</source>
        <translation>本课的练习</translation>
    </message>
</context>
<context>
    <name>PredictDock</name>
    <message>
        <source>Predict, then run</source>
        <translation>先预测，再运行</translation>
    </message>
</context>
<context>
    <name>PredictPanel</name>
    <message>
        <source>Skip predictions</source>
        <translation>跳过预测</translation>
    </message>
    <message>
        <source>Run lessons without being asked to predict the outcome first</source>
        <translation>运行课程前不再要求先预测结果</translation>
    </message>
    <message>
        <source>This lesson asks no question before it runs.</source>
        <translation>这一课运行前没有提问。</translation>
    </message>
    <message>
        <source>No prediction for this run.</source>
        <translation>这次运行没有预测。</translation>
    </message>
    <message>
        <source>Locked in: {answer}. Let&apos;s see…</source>
        <translation>已锁定：{answer}。看看结果……</translation>
    </message>
    <message>
        <source>Answer, then press Run: the run will tell.</source>
        <translation>先回答，再按“运行”：运行结果会告诉你答案。</translation>
    </message>
    <message>
        <source>Your answer is kept for this lesson until you change it.</source>
        <translation>你的答案会为这一课保留，直到你修改它。</translation>
    </message>
</context>
<context>
    <name>Replayer</name>
    <message>
        <source>&amp;Replay</source>
        <translation>重放(&amp;R)</translation>
    </message>
    <message>
        <source>Show this run again, without running it (double-click)</source>
        <translation>重新显示这次运行，而不再次运行（双击）</translation>
    </message>
    <message>
        <source>A run is in progress: replay it once the run has ended.</source>
        <translation>正在运行中：请在运行结束后再重放。</translation>
    </message>
    <message>
        <source>Another run is being prepared: wait for it or cancel it (Esc).</source>
        <translation>正在准备另一次运行：请等待它完成，或取消它（Esc）。</translation>
    </message>
    <message>
        <source>Replaying the run of {lesson} was cancelled.</source>
        <translation>已取消重放 {lesson} 的运行。</translation>
    </message>
    <message>
        <source>Replayed the run of {lesson} from {time}.</source>
        <translation>已重放 {time} 的 {lesson} 运行。</translation>
    </message>
</context>
<context>
    <name>RunFiles</name>
    <message>
        <source>&amp;Open saved run…</source>
        <translation>打开保存的运行(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save run…</source>
        <translation>保存运行(&amp;S)…</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>导出(&amp;X)</translation>
    </message>
    <message>
        <source>Samples as &amp;CSV…</source>
        <translation>采样导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>Timeline as &amp;trace JSON (Perfetto)…</source>
        <translation>时间线导出为 trace JSON（Perfetto）(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Plots as PNG…</source>
        <translation>图表导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>A run is in progress: replay it once the run has ended.</source>
        <translation>正在运行中：请在运行结束后再重放。</translation>
    </message>
    <message>
        <source>{file} is still opening: wait for it or cancel it (Esc).</source>
        <translation>{file} 仍在打开中：请等待完成或取消（Esc）。</translation>
    </message>
    <message>
        <source>Could not write {file}: {error}</source>
        <translation>无法写入 {file}：{error}</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>已保存 {file}</translation>
    </message>
    <message>
        <source>Opening {file} was cancelled.</source>
        <translation>已取消打开 {file}。</translation>
    </message>
    <message>
        <source>Open saved run</source>
        <translation>打开保存的运行</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存运行</translation>
    </message>
    <message>
        <source>Export samples</source>
        <translation>导出采样</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export timeline</source>
        <translation>导出时间线</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
</context>
<context>
    <name>RunReport</name>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
</context>
<context>
    <name>ScriptCompare</name>
    <message>
        <source>Compare &amp;runs</source>
        <translation>比较运行(&amp;R)</translation>
    </message>
    <message>
        <source>Compare two runs of a script side by side: select two in the run history (Ctrl+click), or one to compare with the run of the same script before it</source>
        <translation>并排比较同一脚本的两次运行：在运行历史中选择两次运行（Ctrl+单击），或只选一次，与同一脚本的上一次运行比较</translation>
    </message>
    <message>
        <source>Compare with previous run</source>
        <translation>与上一次运行比较</translation>
    </message>
    <message>
        <source>Set this script&apos;s last run beside the run before it: figures, timelines and what you changed</source>
        <translation>把这个脚本最近一次运行与前一次并排显示：各项指标、时间线以及你改动的代码</translation>
    </message>
</context>
<context>
    <name>ScriptCompareWindow</name>
    <message>
        <source>{name}, run at {time}: {status}, {seconds:.2f} s</source>
        <translation>{name}，运行于 {time}：{status}，{seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>Compare script runs</source>
        <translation>比较脚本运行</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>B/A</source>
        <translation>B/A</translation>
    </message>
    <message>
        <source>A: the earlier run</source>
        <translation>A：较早的运行</translation>
    </message>
    <message>
        <source>B: the later run</source>
        <translation>B：较晚的运行</translation>
    </message>
    <message>
        <source>Two runs of {name}</source>
        <translation>{name} 的两次运行</translation>
    </message>
    <message>
        <source>Two scripts: {a} and {b}</source>
        <translation>两个脚本：{a} 和 {b}</translation>
    </message>
</context>
<context>
    <name>SettingsReset</name>
    <message>
        <source>Reset settings to &amp;defaults…</source>
        <translation>将设置恢复为默认值(&amp;D)…</translation>
    </message>
    <message>
        <source>Every setting is back to its default.</source>
        <translation>所有设置均已恢复为默认值。</translation>
    </message>
    <message>
        <source>Reset settings</source>
        <translation>重置设置</translation>
    </message>
    <message>
        <source>Forget every setting: window layout, theme, presenter mode, language, caps and the parameters last used for each lesson?</source>
        <translation>清除所有设置：窗口布局、主题、演示模式、语言、资源上限以及每节课上次使用的参数？</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Next / previous control (lesson list, parameters, prediction, Run, views, history)</source>
        <translation>下一个/上一个控件（课程列表、参数、预测、运行、视图、历史）</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab、Shift+Tab</translation>
    </message>
    <message>
        <source>Close a dialog or the Compare window</source>
        <translation>关闭对话框或对比窗口</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
</context>
<context>
    <name>StartProgress</name>
    <message>
        <source>Started {started} of {planned} processes…</source>
        <translation>已启动 {started}/{planned} 个进程…</translation>
    </message>
    <message>
        <source>The run ended with {started} of {planned} processes started.</source>
        <translation>运行结束时已启动 {started}/{planned} 个进程。</translation>
    </message>
    <message>
        <source>All {started} processes started.</source>
        <translation>全部 {started} 个进程已启动。</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>semaphore</source>
        <translation>信号量</translation>
    </message>
    <message>
        <source>event / condition</source>
        <translation>事件 / 条件变量</translation>
    </message>
    <message>
        <source>barrier</source>
        <translation>屏障</translation>
    </message>
    <message>
        <source>join</source>
        <translation>等待结束（join）</translation>
    </message>
    <message>
        <source>queue get</source>
        <translation>队列取出</translation>
    </message>
    <message>
        <source>queue put</source>
        <translation>队列放入</translation>
    </message>
    <message>
        <source>pipe / socket / IO</source>
        <translation>管道 / 套接字 / IO</translation>
    </message>
    <message>
        <source>sleeping</source>
        <translation>休眠</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>waiting on a queue</source>
        <translation type="vanished">等待队列</translation>
    </message>
    <message>
        <source>sleeping or IO</source>
        <translation type="vanished">休眠或 IO</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已结束</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>waiting for a semaphore</source>
        <translation>等待信号量</translation>
    </message>
    <message>
        <source>waiting for an event or condition</source>
        <translation>等待事件或条件变量</translation>
    </message>
    <message>
        <source>waiting at a barrier for the others</source>
        <translation>在屏障处等待其他参与者</translation>
    </message>
    <message>
        <source>waiting for a process or thread to end (join)</source>
        <translation>等待进程或线程结束（join）</translation>
    </message>
    <message>
        <source>waiting to get an item or result</source>
        <translation>等待取出一项数据或结果</translation>
    </message>
    <message>
        <source>waiting to put into a full queue</source>
        <translation>等待放入已满的队列</translation>
    </message>
    <message>
        <source>waiting on a pipe, socket or other IO</source>
        <translation>等待管道、套接字或其他 IO</translation>
    </message>
    <message>
        <source>Workers</source>
        <translation>工作者</translation>
    </message>
    <message>
        <source>Hover a lane for details; click it to see its code.</source>
        <translation>鼠标悬停在泳道上可查看详情；点击可查看其代码。</translation>
    </message>
    <message>
        <source>seconds since the run started</source>
        <translation>自运行开始以来的秒数</translation>
    </message>
    <message>
        <source>seconds ago</source>
        <translation>秒前</translation>
    </message>
    <message>
        <source>{worker} (pid {pid})</source>
        <translation type="vanished">{worker}（pid {pid}）</translation>
    </message>
    <message>
        <source>since {start:.3f} s</source>
        <translation>自 {start:.3f} 秒起</translation>
    </message>
    <message>
        <source>from {start:.3f} s to {end:.3f} s</source>
        <translation>从 {start:.3f} 秒到 {end:.3f} 秒</translation>
    </message>
</context>
<context>
    <name>VerdictPanel</name>
    <message>
        <source>Passed</source>
        <translation type="vanished">通过</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
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
        <source>whole run: {seconds:.2f} s</source>
        <translation>整个运行：{seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>How long the whole run took, from Run to the end, starting its processes included. Times in the verdict and the figures are measured inside the run.</source>
        <translation>整个运行（从按下运行到结束）花费的时间，包括启动进程。结论和数据中的时间是在运行内部测得的。</translation>
    </message>
    <message>
        <source>whole run, from Run to the end: {seconds:.2f} s</source>
        <translation type="vanished">整个运行（从按下运行到结束）：{seconds:.2f} 秒</translation>
    </message>
    <message>
        <source>How long the whole run took, starting its processes included. Times in the verdict and the figures are measured inside the run.</source>
        <translation type="vanished">整个运行花费的时间，包括启动进程。结论和数据中的时间是在运行内部测得的。</translation>
    </message>
    <message>
        <source>{seconds:.2f} s</source>
        <translation type="vanished">{seconds:.2f} 秒</translation>
    </message>
</context>
<context>
    <name>WorkerName</name>
    <message>
        <source>worker {number}</source>
        <translation>工作进程 {number}</translation>
    </message>
    <message>
        <source>process {number}</source>
        <translation>进程 {number}</translation>
    </message>
    <message>
        <source>thread {number}</source>
        <translation>线程 {number}</translation>
    </message>
    <message>
        <source>pool thread {number}</source>
        <translation>池线程 {number}</translation>
    </message>
    <message>
        <source>queue feeder</source>
        <translation>队列馈送线程</translation>
    </message>
    <message>
        <source>{worker} (pid {pid})</source>
        <translation>{worker}（pid {pid}）</translation>
    </message>
</context>
<context>
    <name>_CompareInstaller</name>
    <message>
        <source>&amp;Compare variants…</source>
        <translation>比较变体(&amp;C)…</translation>
    </message>
    <message>
        <source>Run two variants of this lesson and compare them side by side (Ctrl+K)</source>
        <translation>运行这一课的两个变体并并排比较（Ctrl+K）</translation>
    </message>
</context>
<context>
    <name>_ShortcutsHelp</name>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
</context>
</TS>
