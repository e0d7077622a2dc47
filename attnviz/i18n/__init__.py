"""Every string the app shows, by language: `t("sentiment.title")`.

`STRINGS` maps a language code to {key: text}; add a language by adding a dict
with the same keys (a missing key falls back to English). Texts may hold
`str.format` fields, filled from `t`'s keyword arguments.
"""

DEFAULT_LANGUAGE = "en"

# 简体中文. Examples the models read (reviews, dates) stay in English: the models know only English.
ZH = {
    # App shell
    "app.title": "attnviz — 看见注意力在做什么",
    "app.sidebar": "attnviz 展示神经网络在“看”哪里。一切都在这台电脑上运行，你输入的内容不会被保存。",
    "app.loading": "正在加载 {model} 模型（仅首次访问）…",
    "nav.home": "首页",
    "nav.sentiment": "情感分析",
    "nav.dates": "日期与时间",
    "nav.attention101": "注意力入门",
    "nav.cards": "模型卡片",
    # Settings
    "settings.language": "语言",
    "settings.presenter": "演示模式",
    "settings.presenter.help": "适合投影：更大的文字和图表、高对比度、更少的控件（不显示批量、下载和计时）。",
    "settings.palette": "配色",
    "settings.palette.help": "所有图表和高亮文字使用的色阶。Cividis 和 Viridis 对色觉障碍者友好。",
    "settings.palette.blues": "蓝色（默认）",
    "settings.palette.cividis": "Cividis（色盲友好）",
    "settings.palette.viridis": "Viridis（色盲友好）",
    "settings.palette.reds": "红色",
    "settings.image_format": "图表下载格式",
    "settings.image_format.help": "点击图表工具栏中的相机按钮，会以此格式保存图表。",
    # Home
    "home.title": "看见注意力在做什么",
    "home.what": (
        "神经网络读一句话时，并不会平等地对待每个词：**注意力**层给每个词一个 0 到 1 之间的"
        "权重，所有权重加起来等于 1。模型的答案主要由权重最大的那些词构成，所以这些权重显示了"
        "模型在“看”哪里。在这里，你可以输入自己的文字，看这些权重亮起来。"
    ),
    "home.sentiment.title": "情感分析：哪些词起了决定作用？",
    "home.sentiment.body": "输入一条英文影评；模型判断它是正面还是负面，并按每个词获得的注意力给它着色。",
    "home.sentiment.link": "打开情感分析页面",
    "home.dates.title": "日期与时间：每个输出字符来自哪些输入字符？",
    "home.dates.body": (
        "输入一个写法随意的英文日期，比如 “the 4th of july, '76”；模型写出 1976-07-04，"
        "对齐矩阵显示每个输出字符是由哪些输入字符产生的。"
    ),
    "home.dates.link": "打开日期与时间页面",
    "home.attention101.title": "注意力入门：一步一步的计算",
    "home.attention101.body": "一个查询、几个可编辑的键和值：观察得分、softmax 和加权求和如何变化，比较三种打分函数和两个注意力头。",
    "home.attention101.link": "打开注意力入门",
    "home.cards.title": "模型卡片：每个模型是什么、效果如何",
    "home.cards.body": "每个内置模型的数据、结构、训练曲线、测试准确率和已知局限。",
    "home.cards.link": "打开模型卡片",
    "home.mechanisms.title": "注意力机制：一条评论，四个模型",
    "home.mechanisms.body": "同一条评论交给四个只有注意力层不同的模型：比较它们的判断、注意力分布的熵，以及逐单元和多头注意力的内部。",
    "home.mechanisms.link": "打开注意力机制页面",
    # Shared
    "common.submit": "解释",
    "common.example": "试试示例",
    "common.example.placeholder": "选择一个示例…",
    "common.tab.single": "逐条",
    "common.tab.batch": "批量",
    "common.timing": "计时（服务器端）",
    "common.timing.body": "从收到输入到页面完成：**{total:.0f} 毫秒**（模型 {model:.0f} 毫秒，图表和文字 {draw:.0f} 毫秒）。",
    "common.timing.first": "本次运行还加载了模型（{load:.1f} 秒，仅首次访问）。",
    "common.batch.submit": "批量运行",
    "common.batch.running": "正在处理 {count} 行…",
    "common.batch.rows_cap": "只处理了前 {cap} 行（输入共有 {total} 行）。请拆分文件来处理其余部分。",
    "common.empty": "请先输入内容。",
    "common.model_missing": "无法加载此模型。{error}",
    "common.share": "复制链接",
    "common.share.help": "此链接会重新打开当前这个视图。点击框右侧的复制图标即可复制。超过 {cap:,} 个字符的文字在链接中会被截断。",
    "common.download.json": "下载结果（JSON）",
    "common.download.lesson": "课程包（ZIP）",
    "common.download.lesson.help": "一个 ZIP 文件，包含输入、图表数据（CSV、JSON 和 Plotly 图表）以及说明内容的 README。",
    # Sentiment
    "sentiment.title": "情感分析：模型在看哪些词？",
    "sentiment.intro": (
        "输入一条英文影评并点击 **解释**。模型（用 25,000 条 IMDB 影评训练）判断它是正面还是"
        "负面；每个词按它获得的注意力权重着色。把鼠标悬停在词上可查看精确权重。"
    ),
    "sentiment.input": "你的影评（英文）",
    "sentiment.input.placeholder": "例如 The acting was wooden, but the ending made me cry.",
    "sentiment.result": "模型读到了什么",
    "sentiment.error.no_words": "模型没有找到可读的词（只有空格、符号或表情）。请至少输入一个英文单词。",
    "sentiment.label": "判断",
    "sentiment.label.positive": "正面",
    "sentiment.label.negative": "负面",
    "sentiment.confidence": "P(正面) = {probability:.3f}",
    "sentiment.legend.low": "注意力少",
    "sentiment.legend.high": "注意力最多（最深 = 最重要的词）",
    "sentiment.legend.oov": "不在词表中",
    "sentiment.legend.unread": "未读取（超出阅读上限）",
    "sentiment.note.oov": "有 {count} 个带虚线下划线的词不在模型的词表中：模型把它们都当作同一个“未知”词。",
    "sentiment.note.truncated": "模型只读取前 {limit} 个词；灰色带删除线的文字没有被读取。",
    "sentiment.hover.weight": "注意力权重",
    "sentiment.hover.oov": "不在词表中",
    "sentiment.hover.unread": "未读取：超出模型的阅读上限",
    "sentiment.chart.weights.title": "每个词的注意力权重（按阅读顺序）",
    "sentiment.chart.weights.x": "词的位置",
    "sentiment.chart.weights.y": "注意力权重",
    "sentiment.chart.top.title": "注意力最高的 10 个词",
    "sentiment.chart.top.x": "注意力权重",
    "sentiment.chart.hover.word": "词",
    "sentiment.chart.hover.position": "位置",
    "sentiment.chart.hover.weight": "权重",
    "sentiment.chart.probability.title": "P(正面)",
    "sentiment.download.tokens": "下载词和权重（CSV）",
    "sentiment.quiz": "测验：隐藏高亮",
    "sentiment.quiz.help": "先让全班猜判断结果和关键词，再揭晓模型看了哪里。",
    "sentiment.quiz.prompt": "测验时间：这条影评是正面还是负面？哪些词起了决定作用？先让全班猜，再揭晓模型的答案。",
    "sentiment.quiz.reveal": "揭晓答案",
    # 情感分析：解释方法、比较、删词
    "sentiment.method": "用哪种方法解释判断",
    "sentiment.method.help": (
        "注意力显示模型在看哪里。另外三种方法衡量每个词把 P(正面) 往上推还是往下拉、推了多少。"
        "“全部比较”把四种方法并排显示。"
    ),
    "sentiment.method.attention": "注意力",
    "sentiment.method.grad_x_input": "梯度 × 输入",
    "sentiment.method.integrated_gradients": "积分梯度",
    "sentiment.method.occlusion": "遮挡（逐词删除）",
    "sentiment.method.compare": "全部比较",
    "sentiment.method.about": "这种方法如何计算",
    "sentiment.method.about.all": "这些方法如何计算",
    "sentiment.method.paper": "论文：{paper}",
    "sentiment.method.running": "正在为 {count} 个词计算梯度和遮挡…",
    "sentiment.about.attention": (
        "注意力层用一个小网络 v·tanh(W·h + b) 给每个词的 BiLSTM 状态打分，再用 softmax 把分数变成权重："
        "每个权重在 0 到 1 之间，总和为 1。模型根据这些状态的加权平均作出判断。权重说明模型看了某个词多少，"
        "并不说明这个词把判断推向正面还是负面。"
    ),
    "sentiment.about.grad_x_input": (
        "梯度表示某个词的嵌入向量变化时 P(正面) 变化得有多快；把它乘以嵌入向量本身，再对各维求和，"
        "就估计出每个词的推动作用（正数 = 推向“正面”）。只需一次反向传播，计算便宜，但只是局部的一阶估计："
        "模型已经饱和（P 接近 0 或 1）时，即使是重要的词，梯度也很小。"
    ),
    "sentiment.about.integrated_gradients": (
        "从一个基线（所有词的嵌入都设为零）沿直线走到真实的评论，在沿途 {steps} 个或更多的点上求梯度"
        "（一次批量计算），取平均后乘以嵌入向量。所有词的分数之和等于 P(评论) − P(基线)，这就是“完备性”；"
        "下方的说明显示这里两者有多接近。"
    ),
    "sentiment.about.occlusion": (
        "每次删掉一个词，再运行一次模型：一个词的分数 = 有这个词时的 P(正面) − 没有它时的 P(正面)，"
        "正数表示这个词把判断推向“正面”。对单独删除一个词来说是精确的，但看不到只有组合在一起才起作用的词"
        "（从 “not bad” 中单独删掉 “not” 或 “bad”，各自的影响可能都很小）。"
    ),
    "sentiment.legend.signed.low": "推向负面",
    "sentiment.legend.signed.high": "推向正面（白色：没有影响）",
    "sentiment.hover.score": "分数",
    "sentiment.chart.scores.title": "{method}：每个词的分数（按阅读顺序）",
    "sentiment.chart.scores.y": "分数（+ 推向正面）",
    "sentiment.chart.scores.top.title": "|分数| 最大的 10 个词",
    "sentiment.chart.scores.top.x": "分数（+ 推向正面）",
    "sentiment.ig.gap": (
        "积分梯度从全零基线（P(正面) = {baseline:.3f}）出发，用了 {steps} 步。分数之和为 {total:+.4f}；"
        "P(正面) 的变化为 {change:+.4f}；完备性误差为变化量的 {gap:.1%}。"
    ),
    "sentiment.scale.note": "每种方法的颜色按它自己的最大 |分数| 缩放；把鼠标移到词上可看到精确数值。",
    "sentiment.compare.intro": (
        "同一条评论的四种解释。注意力（第一行，使用你选的配色）显示模型在看哪里；"
        "另外三行（橙—蓝色阶）显示每个词把判断推向哪一边。"
    ),
    "sentiment.compare.agreement": "注意力和其他方法一致吗？",
    "sentiment.compare.col.method": "方法",
    "sentiment.compare.col.spearman": "与注意力的 Spearman ρ",
    "sentiment.compare.col.overlap": "与注意力的前 5 重合",
    "sentiment.compare.col.top": "作用最强的 5 个词",
    "sentiment.compare.row": "与注意力的 Spearman ρ {spearman:+.2f} · 前 5 重合 {overlap}",
    "sentiment.compare.note": (
        "Spearman ρ 比较按注意力排序的词和按 |分数| 排序的词（1 = 顺序相同，0 = 无关，−1 = 相反）。"
        "前 5 重合：注意力最高的 5 个词中，有几个也在该方法 |分数| 最大的 5 个词里。"
    ),
    "sentiment.sharpness": (
        "注意力的集中程度：熵为 {entropy:.2f} 比特，最大可能为 {maximum:.2f}（{count} 个词完全平均）；"
        "最高的 5 个词占了 {top:.0%} 的注意力。"
    ),
    "sentiment.remove.title": "如果少了一个词会怎样？",
    "sentiment.remove.help": "选一个词（或在上面的词权重图中点击它的柱子），把它从评论中删掉，再运行一次模型。",
    "sentiment.remove.pick": "要删除的词",
    "sentiment.remove.placeholder": "选一个词…",
    "sentiment.remove.word": "#{position} {word}",
    "sentiment.remove.before": "有这个词时（注意力）",
    "sentiment.remove.after": "没有 “{word}” 时（注意力）",
    "sentiment.remove.metric": "没有 “{word}” 时的 P(正面)",
    "sentiment.remove.empty": "删掉这个词后，评论里已没有模型能读懂的词。",
    "sentiment.remove.occlusion": "变化量 {score:+.4f} = P(有) − P(无)，就是这个词的遮挡分数。",
    "sentiment.remove.keep": "保留删减后的评论",
    "sentiment.batch.intro": "一次分类多条影评：每行粘贴一条，或上传 CSV 文件并选择包含文本的列（最多 {cap} 行）。",
    "sentiment.batch.source": "影评来源",
    "sentiment.batch.source.paste": "粘贴文本",
    "sentiment.batch.source.upload": "CSV 文件",
    "sentiment.batch.paste": "影评，每行一条",
    "sentiment.batch.upload": "CSV 文件（UTF-8）",
    "sentiment.batch.column": "包含影评文本的列",
    "sentiment.batch.no_text": "请至少粘贴一条影评（每行一条）。",
    "sentiment.batch.no_file": "请上传一个 CSV 文件开始。",
    "sentiment.batch.bad_column": "列“{column}”中没有单词（只有数字或符号）。请选择包含影评文本的列。",
    "sentiment.batch.unreadable_rows": "有 {count} 行没有模型能读的词；它们没有标签。",
    "sentiment.batch.summary": "{total} 条影评：{positive} 条正面，{negative} 条负面。",
    "sentiment.batch.col.text": "影评",
    "sentiment.batch.col.label": "标签",
    "sentiment.batch.col.probability": "P(正面)",
    "sentiment.batch.col.top": "注意力最高的 3 个词",
    "sentiment.batch.download": "下载结果（CSV）",
    # Lesson packs
    "lesson.sentiment.title": "attnviz 课程包：情感分析与注意力",
    "lesson.sentiment.description": (
        "一条影评（见 inputs.json）由带加性注意力的 LSTM 分类。模型的判断：{label}"
        "（P(正面) = {probability:.3f}）。每个词得到一个 0 到 1 之间的注意力权重；权重之和为 1，"
        "显示模型做出判断时看的是哪里。"
    ),
    "lesson.dates.title": "attnviz 课程包：日期、时间与对齐",
    "lesson.dates.description": (
        "一个带注意力的序列到序列模型读入“{text}”，逐个字符写出“{output}”。对每个输出字符，"
        "对齐矩阵给出每个输入字符的注意力权重（每一行之和为 1）。"
    ),
    "lesson.file.inputs": "产生此视图的输入（文字、模型、设置）",
    "lesson.file.weights_csv": "每个词一行：位置、词、词元、权重",
    "lesson.file.alignment_csv": "长格式的对齐矩阵：输出步、输入字符、权重",
    "lesson.file.result_json": "完整结果（JSON）",
    "lesson.file.figure": "一个 Plotly 图表（用 plotly.io.read_json 打开）",
    # Dates
    "dates.title": "日期与时间：每个输出字符来自哪些输入字符？",
    "dates.intro": (
        "按人们平时的写法输入一个英文日期或时间。一个带注意力的序列到序列模型逐个字符地把它"
        "写成标准格式；每写一步，它都会回头看输入字符。矩阵显示了它看的位置。"
    ),
    "dates.task": "模型",
    "dates.task.date": "日期 → YYYY-MM-DD",
    "dates.task.time": "时间 → HH:MM（24 小时制）",
    "dates.input.date": "随意写法的日期",
    "dates.input.time": "随意写法的时间",
    "dates.input.placeholder.date": "例如 Sat, the 4th of July '76",
    "dates.input.placeholder.time": "例如 quarter past seven in the evening",
    "dates.output": "模型输出",
    "dates.convert": "转换",
    "dates.probability": "概率",
    "dates.output.help": "每个字符下方的数字是模型给它的概率；红色表示低于 0.5。",
    "dates.invalid.date": "这看起来不像日期：输出不是真实存在的日历日期，模型很可能在猜。",
    "dates.invalid.time": "这看起来不像时间：输出不是真实的时刻，模型很可能在猜。",
    "dates.note.unknown": "模型从未见过的字符已被忽略：{chars}",
    "dates.note.truncated": "输入超出了模型的读取长度；只使用了前 {count} 个字符。",
    "dates.step.title": "逐步查看解码过程",
    "dates.step.slider": "输出步",
    "dates.step.play": "播放",
    "dates.step.stop": "停止",
    "dates.step.caption": "第 {step} 步，共 {total} 步：正在写“{char}”。颜色越深的输入字符获得的注意力越多。",
    "dates.chart.title": "对齐矩阵：哪些输入字符产生了每个输出字符",
    "dates.chart.x": "输入字符（␣ = 空格）",
    "dates.chart.y": "输出字符",
    "dates.chart.colorbar": "注意力权重",
    "dates.chart.hover.input": "输入",
    "dates.chart.hover.output": "输出",
    "dates.chart.hover.weight": "注意力权重",
    "dates.download.csv": "下载对齐矩阵（CSV）",
    "dates.batch.intro": "一次转换多行：每行一个日期或时间（最多 {cap} 行）。",
    "dates.batch.input": "每行一个",
    "dates.batch.no_text": "请至少粘贴一行。",
    "dates.batch.summary": "{total} 行：{valid} 行有效，{invalid} 行无效。",
    "dates.batch.col.input": "输入",
    "dates.batch.col.output": "输出",
    "dates.batch.col.valid": "有效",
    "dates.batch.download": "下载结果（CSV）",
    # Attention 101
    "a101.title": "注意力入门：一步一步的计算",
    "a101.intro": (
        "注意力回答一个问题：*对于我要找的东西，这些项中哪些重要？* 用**查询**（query）与每一项的"
        "**键**（key）比较，得分变成总和为 1 的**权重**，答案就是各项**值**（value）的加权和。"
        "修改下面任何一个数字，看每一步如何随之变化。"
    ),
    "a101.steps.title": "一个查询，几个词元",
    "a101.tokens": "词元（3 到 6 个词）",
    "a101.tokens.help": "用空格分隔。修改它们会重置查询。",
    "a101.tokens.used": "使用：{tokens}",
    "a101.dim": "向量维度 d",
    "a101.scoring": "打分函数",
    "a101.scoring.additive": "加性",
    "a101.scoring.dot": "点积",
    "a101.scoring.scaled_dot": "缩放点积",
    "a101.temperature": "温度 T",
    "a101.temperature.help": "在 softmax 之前把得分除以 T：T 小，权重更尖锐（一家独大）；T 大，权重更平均（大家分享）。",
    "a101.shuffle": "随机生成新的键和值",
    "a101.query": "查询 q（我们要找什么）",
    "a101.table": "键 k（每个词元提供什么）和值 v（它交回什么）",
    "a101.table.help": "点击数字即可编辑。",
    "a101.step1": "① 得分",
    "a101.step2": "② Softmax → 权重",
    "a101.step3": "③ 加权求和",
    "a101.step1.text.additive": "一个很小的神经网络（固定的权重 W 和 v）给每个键与查询的匹配程度打分。**{token}** 最匹配（得分 {score:.2f}）。",
    "a101.step1.text.dot": "查询和键方向越一致，点积越大。**{token}** 得分最高（{score:.2f}）。",
    "a101.step1.text.scaled_dot": "点积再除以 √d，这样更长的向量不会得到更大的得分。**{token}** 得分最高（{score:.2f}）。",
    "a101.step2.text.sharp": "Softmax 把得分变成正数，并使它们加起来等于 1。温度低（T = {temperature:.1f}）时，赢家几乎拿走一切：**{token}** 得到 {weight:.0%}。",
    "a101.step2.text.flat": "Softmax 把得分变成正数，并使它们加起来等于 1。温度高（T = {temperature:.1f}）时，权重趋于平均；**{token}** 仍以 {weight:.0%} 领先。",
    "a101.step2.text.plain": "Softmax 把得分变成正数，并使它们加起来等于 1：**{token}** 得到 {weight:.0%} 的注意力。",
    "a101.step3.text": "每个值乘以它的权重，再全部相加。输出（{output}）主要来自 **{token}** 的值。",
    "a101.chart.scores": "得分 e",
    "a101.chart.scores.y": "得分",
    "a101.chart.weights": "注意力权重 α（总和 = 1）",
    "a101.chart.weights.y": "权重",
    "a101.chart.sum": "值的加权和",
    "a101.chart.sum.x": "值的维度",
    "a101.chart.sum.y": "贡献 α·v",
    "a101.chart.sum.output": "输出 o",
    "a101.heads.title": "同一个例子上的两个注意力头",
    "a101.heads.text": (
        "每个头先用自己的矩阵投影查询、键和值，再做注意力（缩放点积）。所以两个头可以关注不同的"
        "词元：头 1 最关注 **{first}**，头 2 最关注 **{second}**。它们的输出会拼接在一起。"
    ),
    "a101.heads.chart": "每个头的注意力权重",
    "a101.heads.head": "头",
    "a101.heads.concat": "拼接",
    "a101.heads.output": "输出",
    "a101.heads.projections": "这里的投影矩阵是随机但固定的（有种子）；在训练好的模型中，它们是学出来的。",
    "a101.features.title": "对输入特征的注意力",
    "a101.features.intro": (
        "注意力不一定作用在词上。下面这段经典的 Keras 代码为表格的每一列学习一个权重，并把输入"
        "乘以这些权重。我们构造一张随机数表，其中**只有一列决定标签**，训练几秒钟，然后看注意力"
        "落在哪里。"
    ),
    "a101.features.column": "决定标签的列",
    "a101.features.train": "训练",
    "a101.features.training": "正在训练一个很小的模型（几秒钟）…",
    "a101.features.table": "表格的前几行：当 {column} 为正数时，标签 = 1。其他各列都是随机噪声。",
    "a101.features.press": "点击 **训练** 来拟合模型并查看它的注意力。",
    "a101.features.chart": "学到的各列注意力",
    "a101.features.chart.x": "列",
    "a101.features.chart.y": "注意力（各行平均）",
    "a101.features.chart.informative": "决定标签",
    "a101.features.found": (
        "注意力在 **{top}** 处达到峰值（{weight:.0%}）：模型找到了决定标签的那一列。测试准确率 "
        "{accuracy:.1%}，训练用时 {seconds:.1f} 秒。训练使用固定种子，所以选同一列会得到同样的结果。"
    ),
    "a101.features.missed": "注意力在 **{top}** 处达到峰值，而不是 {column}：这次训练太短了。测试准确率 {accuracy:.1%}（{seconds:.1f} 秒）。",
    # Model cards
    "cards.title": "模型卡片",
    "cards.intro": "本应用内置的每个模型，按其训练记录展示：它做什么、数据、结构、训练曲线、测试结果，以及它做不到的事。",
    "cards.none": "在 pretrained/ 中没有找到模型卡片。请先训练一个模型。",
    "cards.model": "模型",
    "cards.what.sentiment": "**它做什么：** 读取一条英文影评，给出它为正面的概率。一个加性注意力层为每个词加权；情感分析页面高亮的正是这些权重。",
    "cards.what.dates": "**它做什么：** 读取几乎任何写法的英文日期（“Sat, the 4th of July '76”），逐个字符写成 YYYY-MM-DD，每一步都关注输入字符。",
    "cards.what.times": "**它做什么：** 读取用单词或数字写的英文时刻（“quarter past seven in the evening”），写成 HH:MM（24 小时制），每一步都关注输入字符。",
    "cards.what.other": "**它做什么：** 见上面的描述。",
    "cards.metric.accuracy": "测试准确率",
    "cards.metric.examples": "测试样本数",
    "cards.metric.parameters": "参数量",
    "cards.metric.training": "训练时间",
    "cards.metric.loss": "测试损失",
    "cards.minutes": "{minutes:.1f} 分钟",
    "cards.data": "数据与约定",
    "cards.data.sentiment": (
        "- 标签：正面或负面（7–10 星的影评对 1–4 星的影评）。\n"
        "- 文本转为小写并切分成词；认识最常见的 20,000 个词，其他词都按同一个“未知”词读取。\n"
        "- 输出：P(正面)；大于等于 0.5 表示正面。"
    ),
    "cards.data.dates": (
        "- 生成的、有固定种子的样本，覆盖多种书写格式（见下方的格式族）。\n"
        "- 不区分大小写；输入最多 64 个字符（更长的会被截断）。\n"
        "- 年份在前时总是 年-月-日。年份在后时，数字之间用 `/` 或 `-` 表示月份在前"
        "（美式：07/04/1976），用 `.` 表示日在前（欧式：04.07.1976）。\n"
        "- 两位数年份：69–99 表示 1969–1999，00–68 表示 2000–2068；年份范围 1900–2099。星期名会被忽略。"
    ),
    "cards.data.times": (
        "- 生成的、有固定种子的样本，包括单词和数字写法（见下方的格式族）。\n"
        "- “pm”、“in the evening”、“noon” 和 “midnight” 决定上午还是下午；没有这些词时，小时按字面读取"
        "（“five past nine” → 09:05）。"
    ),
    "cards.data.other": "- 见下方的配置。",
    "cards.families": "训练数据中的输入格式族：{families}",
    "cards.training": "训练曲线",
    "cards.no_history": "这张卡片没有训练历史。",
    "cards.curve.accuracy": "训练准确率",
    "cards.curve.val_accuracy": "验证准确率",
    "cards.curve.val_exact_match": "验证完全匹配率",
    "cards.curve.loss": "训练损失",
    "cards.curve.val_loss": "验证损失",
    "cards.chart.accuracy": "每轮的准确率",
    "cards.chart.accuracy.y": "准确率",
    "cards.chart.loss": "每轮的损失",
    "cards.chart.loss.y": "损失",
    "cards.chart.epoch": "轮次（epoch）",
    "cards.metrics": "测试结果",
    "cards.confusion.title": "测试影评上的混淆矩阵",
    "cards.confusion.x": "模型的判断",
    "cards.confusion.y": "影评实际是",
    "cards.confusion.colorbar": "影评数",
    "cards.confusion.true_negative": "负面",
    "cards.confusion.true_positive": "正面",
    "cards.confusion.pred_negative": "负面",
    "cards.confusion.pred_positive": "正面",
    "cards.own_sentences": "手写的检验句子：**{total} 句中有 {correct} 句**分类正确。",
    "cards.family.title": "各输入格式族的完全匹配准确率",
    "cards.family.x": "完全匹配准确率",
    "cards.mistakes": "测试集上的错误（{count} 个）",
    "cards.architecture": "模型结构",
    "cards.col.setting": "设置",
    "cards.col.value": "值",
    "cards.col.layer": "层",
    "cards.col.type": "类型",
    "cards.col.shape": "输出形状",
    "cards.col.parameters": "参数量",
    "cards.no_model_file": "模型文件 {file} 不存在，因此无法列出它的层。",
    "cards.layers": "列出各层（会加载模型）",
    "cards.layers.help": "加载保存的模型，列出各层、输出形状和参数量。",
    "cards.layers.loading": "正在加载模型…",
    "cards.layers.error": "无法加载模型：{error}",
    "cards.layers.total": "共 {total:,} 个参数。",
    "cards.provenance": "训练记录",
    "cards.created": "训练时间点：{created}",
    "cards.training_time": "训练用时：{seconds:,.0f} 秒（{minutes:.1f} 分钟）",
    "cards.versions": "库版本：{versions}",
    "cards.download": "下载模型卡片（JSON）",
    "cards.limitations": "已知局限",
    "cards.limitations.sentiment": (
        "- 只用 IMDB 影评训练：其他话题（商品、新闻、推文）和其他语言超出了它的能力。\n"
        "- 讽刺和反语（“Oh great, another two hours of my life gone”）通常会骗过它。\n"
        "- 远距离的否定（“I would not say, as many critics did, that it was a masterpiece”）常被漏掉。\n"
        "- 它只读前 800 个词；其余部分被忽略。\n"
        "- 注意力权重显示模型看了哪里，但并不是对其决策的完整因果解释。"
    ),
    "cards.limitations.dates": (
        "- 它总会写出一个日期，即使输入根本不是日期：请查看“有效”标记。\n"
        "- 有歧义的数字日期按上面的约定处理（07/04 是 7 月 4 日）。\n"
        "- 只支持 1900–2099 年，以及英文的月份和星期名。\n"
        "- 超过 64 个字符的输入会被截断。"
    ),
    "cards.limitations.times": (
        "- 不是时间的文字也会得到一个时间：请查看“有效”标记。\n"
        "- 没有 “am/pm” 或一天中的时段时，小时按字面读取。\n"
        "- 只支持英文单词；不支持秒。"
    ),
    "cards.limitations.other": "- 此模型没有相关说明。",
    # Mechanisms page
    "nav.mechanisms": "注意力机制",
    "mechanisms.title": "注意力机制：一条评论，四个模型",
    "mechanisms.intro": (
        "本页的四个情感模型用同样的 25,000 条 IMDB 影评、同样的词表和同样的训练方法训练；"
        "**只有注意力层不同**。输入一条英文影评，看看每种机制如何把权重分配到你的词上。"
        "**熵**表示权重有多分散：0 比特表示所有权重都在一个词上，log2(n) 比特表示平均分给 n 个词。"
    ),
    "mechanisms.loading": "正在加载 {variant} 模型（仅首次访问）…",
    "mechanisms.none": "没有任何情感模型可以加载。请用下面的命令训练它们。",
    "mechanisms.missing": (
        "这个模型还没有训练（模型文件夹中没有 `{file}`）。请在项目文件夹中运行 `{command}` 来训练它；"
        "训练完成后，下次运行页面时它就会出现在这里。"
    ),
    "mechanisms.broken": "无法加载这个模型。{error} 要重新训练这个变体，请运行 `{command}`。",
    "mechanisms.variant.additive": "加性注意力",
    "mechanisms.variant.per_unit": "逐单元注意力",
    "mechanisms.variant.dot_product": "缩放点积注意力",
    "mechanisms.variant.multi_head": "多头自注意力",
    "mechanisms.how.additive": (
        "用一个小网络 v · tanh(W h + b) 给每个词的 BiLSTM 状态打分，再对所有词做 softmax："
        "每个词一个权重，所有特征共用。"
    ),
    "mechanisms.how.per_unit": (
        "为每个隐藏单元分别计算 tanh(W h + b)，并对每个单元单独在词上做 softmax；"
        "这里显示的每词权重是所有单元的平均值。"
    ),
    "mechanisms.how.dot_product": (
        "把每个词的状态变成一个键 k，与一个学到的查询向量 q 比较：在所有词上计算 softmax(q · k / √d)。"
    ),
    "mechanisms.how.multi_head": (
        "先由 {heads} 个自注意力头让每个词混入其他词的状态；再用加性注意力汇聚结果，显示的是这一步的权重。"
    ),
    "mechanisms.accuracy": "测试准确率：**{accuracy}**（{reviews:,} 条 IMDB 测试影评）",
    "mechanisms.accuracy.plain": "测试准确率：**{accuracy}**",
    "mechanisms.accuracy.unknown": "测试准确率：模型卡片中没有记录",
    "mechanisms.prediction": "预测：**{label}**，P(正面) = **{probability:.3f}**",
    "mechanisms.entropy": "注意力熵：**{bits:.2f} 比特**（归一化 {normalized:.2f}）",
    "mechanisms.top_share": "最高的 {k} 个词占了 **{share}** 的权重",
    "mechanisms.summary": "汇总",
    "mechanisms.summary.help": (
        "测试准确率来自各模型的模型卡片；其他列只描述这一条评论。"
        "秩相关和重合度把每个模型的词权重与{reference}模型的词权重比较。"
    ),
    "mechanisms.summary.no_reference": "{reference}模型不可用，所以比较列为空。",
    "mechanisms.col.variant": "注意力",
    "mechanisms.col.accuracy": "测试准确率",
    "mechanisms.col.probability": "P(正面)",
    "mechanisms.col.entropy": "熵（比特）",
    "mechanisms.col.normalized": "熵 ÷ 最大值",
    "mechanisms.col.normalized.help": "熵除以它的最大值 log2(n)（n 为读取的词数）：0 = 所有权重在一个词上，1 = 完全平均。",
    "mechanisms.col.top_share": "前 {k} 占比",
    "mechanisms.col.top_words": "权重最高的 {k} 个词",
    "mechanisms.col.spearman": "与{reference}的 ρ",
    "mechanisms.col.spearman.help": (
        "在这条评论上，本模型的词权重与{reference}模型的词权重之间的 Spearman 秩相关："
        "1 = 重要性顺序相同，0 = 无关，−1 = 相反。"
    ),
    "mechanisms.col.overlap": "前 {k} 重合",
    "mechanisms.col.overlap.help": "本模型权重最高的 {k} 个词中，也在{reference}模型前 {k} 个词里的比例。",
    "mechanisms.detail.capped": "下面的图只显示 {total} 个词中的前 {shown} 个，以保持清晰和快速；上面的数字使用了所有词。",
    "mechanisms.per_unit.title": "逐单元注意力的内部",
    "mechanisms.per_unit.note": (
        "加性注意力给**每个词一个权重**，BiLSTM 状态的所有特征共用。逐单元注意力则让 **{units} 个隐藏单元"
        "各自在词上做 softmax**：图中每一行是一个单元的分布，在整条评论上加起来等于 1。"
        "上面显示的每词权重是这 {units} 个单元的平均值。"
    ),
    "mechanisms.per_unit.entropy": (
        "单个单元的分布平均有 {unit_bits:.2f} 比特的熵；{units} 个单元的平均分布有 {mean_bits:.2f} 比特"
        "（平均会让权重更分散：平均分布永远不会比单元的平均水平更集中）。"
    ),
    "mechanisms.per_unit.heatmap.title": "{units} 个隐藏单元各自为词分配权重",
    "mechanisms.per_unit.heatmap.y": "隐藏单元",
    "mechanisms.per_unit.heatmap.colorbar": "注意力权重（每个单元在时间上做 softmax）",
    "mechanisms.per_unit.hover.unit": "单元",
    "mechanisms.per_unit.mean.title": "{units} 个单元的平均：即上面显示的每词权重",
    "mechanisms.multi_head.title": "多头自注意力的内部",
    "mechanisms.multi_head.note": (
        "在汇聚之前，一个有 {heads} 个头的自注意力层让每个词查看所有词：图中每一行是一个查询词，"
        "它在各个键词（列）上的权重在整条评论上加起来等于 1。每个头学到自己的模式；"
        "**平均**是 {heads} 个头的平均值。混合后的状态（与 BiLSTM 状态相加并归一化）再由加性注意力汇聚，"
        "最后画出的汇聚权重就是上面显示的每词权重。"
    ),
    "mechanisms.multi_head.select": "注意力头",
    "mechanisms.multi_head.head": "头 {number}",
    "mechanisms.multi_head.average": "{heads} 个头的平均",
    "mechanisms.multi_head.entropy": "{head}：在显示的 {n} 个词上，一个查询行平均有 {bits:.2f} 比特的熵。",
    "mechanisms.multi_head.heatmap.title": "自注意力，{head}：每个词从每个词取了多少",
    "mechanisms.multi_head.heatmap.x": "键词（被关注）",
    "mechanisms.multi_head.heatmap.y": "查询词（发出关注）",
    "mechanisms.multi_head.heatmap.colorbar": "注意力权重（在键上做 softmax）",
    "mechanisms.multi_head.hover.query": "查询",
    "mechanisms.multi_head.hover.key": "键",
    "mechanisms.multi_head.pooling.title": "自注意力之后的汇聚权重：即上面显示的每词权重",
    # Dates sharpness
    "dates.sharpness.step": (
        "这一步的注意力：熵 **{bits:.2f} 比特**（最大值 log2({n}) = {max_bits:.2f}）；"
        "最高的 {k} 个输入字符占了 **{share:.0%}** 的权重。"
    ),
    "dates.sharpness.summary": (
        "**集中程度：**{steps} 个输出步骤的平均注意力熵为 **{mean_bits:.2f} 比特**；"
        "如果权重平均分给全部 {n} 个输入字符，最大值为 log2({n}) = {max_bits:.2f} 比特"
        "（平均值是最大值的 {ratio:.0%}）。"
    ),
    "dates.sharpness.chart.title": "每个输出步骤的注意力有多集中？",
    "dates.sharpness.chart.y": "熵（比特）",
    "dates.sharpness.chart.y2": "前 {k} 占比",
    "dates.sharpness.chart.entropy": "熵（比特）",
    "dates.sharpness.chart.top_share": "前 {k} 个输入字符的占比",
    "dates.sharpness.chart.maximum": "最大值：log2({n}) = {bits:.2f} 比特（平均分布）",
}

STRINGS = {
    "en": {
        # App shell
        "app.title": "attnviz — see what attention does",
        "app.sidebar": (
            "attnviz shows where a neural network looks. Everything runs on this "
            "computer; nothing you type is stored."
        ),
        "app.loading": "Loading the {model} model (first visit only)…",
        "nav.home": "Home",
        "nav.sentiment": "Sentiment",
        "nav.dates": "Dates & times",
        # Home
        "home.title": "See what attention does",
        "home.what": (
            "A neural network reading a sentence does not weigh every word equally: an "
            "**attention** layer gives each word a weight between 0 and 1, and the weights "
            "add up to 1. The model's answer is built mostly from the words with the "
            "largest weights, so those weights show where the model was looking. Here you "
            "can type your own text and watch those weights light up."
        ),
        "home.sentiment.title": "Sentiment: which words decided?",
        "home.sentiment.body": (
            "Type a movie review; the model says positive or negative and shades every "
            "word by how much attention it got."
        ),
        "home.sentiment.link": "Open the sentiment page",
        "home.dates.title": "Dates & times: which characters made each output?",
        "home.dates.body": (
            "Type a messy date like “the 4th of july, '76”; the model writes 1976-07-04 "
            "and an alignment matrix shows which input characters produced each output "
            "character."
        ),
        "home.dates.link": "Open the dates & times page",
        # Shared
        "common.submit": "Explain",
        "common.example": "Try an example",
        "common.example.placeholder": "Choose an example…",
        "common.tab.single": "One at a time",
        "common.tab.batch": "Batch",
        "common.timing": "Timing (server side)",
        "common.timing.body": (
            "From receiving your input to the finished page: **{total:.0f} ms** "
            "(model {model:.0f} ms, figures and text {draw:.0f} ms)."
        ),
        "common.timing.first": "This run also loaded the model ({load:.1f} s, first visit only).",
        "common.batch.submit": "Run batch",
        "common.batch.running": "Processing {count} rows…",
        "common.batch.rows_cap": (
            "Only the first {cap} rows were processed (the input has {total}). "
            "Split the file to process the rest."
        ),
        "common.empty": "Type something first.",
        "common.model_missing": "This model cannot be loaded. {error}",
        # Sentiment
        "sentiment.title": "Sentiment: which words did the model look at?",
        "sentiment.intro": (
            "Type a movie review and press **Explain**. The model (trained on 25,000 IMDB "
            "reviews) says whether it is positive or negative; each word is shaded by the "
            "attention weight it got. Hover over a word for its exact weight."
        ),
        "sentiment.input": "Your review",
        "sentiment.input.placeholder": "e.g. The acting was wooden, but the ending made me cry.",
        "sentiment.result": "What the model read",
        "sentiment.error.no_words": (
            "The model found no words to read (only spaces, symbols or emoji). "
            "Type at least one word."
        ),
        "sentiment.label": "Verdict",
        "sentiment.label.positive": "Positive",
        "sentiment.label.negative": "Negative",
        "sentiment.confidence": "P(positive) = {probability:.3f}",
        "sentiment.legend.low": "little attention",
        "sentiment.legend.high": "most attention (darkest = the top word)",
        "sentiment.legend.oov": "not in the vocabulary",
        "sentiment.legend.unread": "not read (beyond the reading limit)",
        "sentiment.note.oov": (
            "{count} word(s) with a dashed underline are not in the model's vocabulary: "
            "it reads them all as the same “unknown” word."
        ),
        "sentiment.note.truncated": (
            "The model reads only the first {limit} words; the greyed, struck-through text "
            "was not read."
        ),
        "sentiment.hover.weight": "attention weight",
        "sentiment.hover.oov": "not in the vocabulary",
        "sentiment.hover.unread": "not read: beyond the model's reading limit",
        "sentiment.chart.weights.title": "Attention weight of each word, in reading order",
        "sentiment.chart.weights.x": "word position",
        "sentiment.chart.weights.y": "attention weight",
        "sentiment.chart.top.title": "Top 10 most attended words",
        "sentiment.chart.top.x": "attention weight",
        "sentiment.chart.hover.word": "word",
        "sentiment.chart.hover.position": "position",
        "sentiment.chart.hover.weight": "weight",
        "sentiment.chart.probability.title": "P(positive)",
        "sentiment.download.tokens": "Download words and weights (CSV)",
        "sentiment.batch.intro": (
            "Classify many reviews at once: paste one review per line, or upload a CSV file "
            "and choose the column that holds the text (at most {cap} rows)."
        ),
        "sentiment.batch.source": "Reviews from",
        "sentiment.batch.source.paste": "Pasted text",
        "sentiment.batch.source.upload": "CSV file",
        "sentiment.batch.paste": "Reviews, one per line",
        "sentiment.batch.upload": "CSV file (UTF-8)",
        "sentiment.batch.column": "Column with the review text",
        "sentiment.batch.no_text": "Paste at least one review (one per line).",
        "sentiment.batch.no_file": "Upload a CSV file to start.",
        "sentiment.batch.bad_column": (
            "The column “{column}” holds no words (only numbers or symbols). Choose the "
            "column that holds the review text."
        ),
        "sentiment.batch.unreadable_rows": (
            "{count} row(s) have no words the model can read; they have no label."
        ),
        "sentiment.batch.summary": "{total} reviews: {positive} positive, {negative} negative.",
        "sentiment.batch.col.text": "review",
        "sentiment.batch.col.label": "label",
        "sentiment.batch.col.probability": "P(positive)",
        "sentiment.batch.col.top": "3 most attended words",
        "sentiment.batch.download": "Download results (CSV)",
        # Dates
        "dates.title": "Dates & times: which characters made each output?",
        "dates.intro": (
            "Type a date or time the way people write it. A sequence-to-sequence model with "
            "attention writes it in a standard form one character at a time; at each step it "
            "looks back at the input characters. The matrix shows where it looked."
        ),
        "dates.task": "Model",
        "dates.task.date": "Dates → YYYY-MM-DD",
        "dates.task.time": "Times → HH:MM (24 h)",
        "dates.input.date": "A messy date",
        "dates.input.time": "A messy time",
        "dates.input.placeholder.date": "e.g. Sat, the 4th of July '76",
        "dates.input.placeholder.time": "e.g. quarter past seven in the evening",
        "dates.output": "Model output",
        "dates.convert": "Convert",
        "dates.probability": "probability",
        "dates.output.help": (
            "The number under each character is the probability the model gave it; "
            "red means below 0.5."
        ),
        "dates.invalid.date": (
            "This does not look like a date: the output is not a real calendar date, so "
            "the model is probably guessing."
        ),
        "dates.invalid.time": (
            "This does not look like a time: the output is not a real time of day, so the "
            "model is probably guessing."
        ),
        "dates.note.unknown": ("Characters the model has never seen were ignored: {chars}"),
        "dates.note.truncated": (
            "The input is longer than the model reads; only the first {count} characters were used."
        ),
        "dates.step.title": "Step through decoding",
        "dates.step.slider": "Output step",
        "dates.step.play": "Play",
        "dates.step.stop": "Stop",
        "dates.step.caption": (
            "Step {step} of {total}: writing “{char}”. Darker input characters got more attention."
        ),
        "dates.chart.title": "Alignment matrix: which input characters produced each output",
        "dates.chart.x": "input characters (␣ = space)",
        "dates.chart.y": "output characters",
        "dates.chart.colorbar": "attention weight",
        "dates.chart.hover.input": "input",
        "dates.chart.hover.output": "output",
        "dates.chart.hover.weight": "attention weight",
        "dates.batch.intro": "Convert many lines at once: one date or time per line (at most {cap}).",
        "dates.batch.input": "One per line",
        "dates.batch.no_text": "Paste at least one line.",
        "dates.batch.summary": "{total} lines: {valid} valid, {invalid} not valid.",
        "dates.batch.col.input": "input",
        "dates.batch.col.output": "output",
        "dates.batch.col.valid": "valid",
        "dates.batch.download": "Download results (CSV)",
        # Settings (sidebar)
        "settings.language": "Language",
        "settings.presenter": "Presenter mode",
        "settings.presenter.help": (
            "For a projector: larger text and figures, high contrast, fewer controls "
            "(no batch tab, downloads or timings)."
        ),
        "settings.palette": "Colours",
        "settings.palette.help": (
            "The colour scale of every figure and of the highlighted text. Cividis and "
            "viridis are safe for colour-blind viewers."
        ),
        "settings.palette.blues": "Blues (default)",
        "settings.palette.cividis": "Cividis (colour-blind safe)",
        "settings.palette.viridis": "Viridis (colour-blind safe)",
        "settings.palette.reds": "Reds",
        "settings.image_format": "Figure download format",
        "settings.image_format.help": (
            "The camera button in each figure's toolbar saves the figure in this format."
        ),
        "nav.attention101": "Attention 101",
        "nav.cards": "Model cards",
        "home.attention101.title": "Attention 101: the computation, step by step",
        "home.attention101.body": (
            "A query, a few keys and values you can edit: watch the scores, the softmax "
            "and the weighted sum change, for three scoring functions and two heads."
        ),
        "home.attention101.link": "Open Attention 101",
        "home.cards.title": "Model cards: what each model is, and how good",
        "home.cards.body": (
            "Data, architecture, training curves, test accuracy and known limitations of "
            "every shipped model."
        ),
        "home.cards.link": "Open the model cards",
        "home.mechanisms.title": "Attention mechanisms: one review, four models",
        "home.mechanisms.body": (
            "The same review through four models that differ only in their attention layer: "
            "compare their verdicts and how spread out their attention is, and look inside "
            "per-unit and multi-head attention."
        ),
        "home.mechanisms.link": "Open the mechanisms page",
        "common.share": "Copy link",
        "common.share.help": (
            "This link reopens exactly this view. Use the copy icon at the right of the "
            "box. Texts longer than {cap:,} characters are cut in the link."
        ),
        "common.download.json": "Download result (JSON)",
        "common.download.lesson": "Lesson pack (ZIP)",
        "common.download.lesson.help": (
            "One ZIP with the inputs, the figures' data (CSV, JSON and Plotly figures) "
            "and a README saying what is shown."
        ),
        # Sentiment quiz
        "sentiment.quiz": "Quiz: hide the highlight",
        "sentiment.quiz.help": (
            "Let the class guess the verdict and the key words first, then reveal what "
            "the model looked at."
        ),
        "sentiment.quiz.prompt": (
            "Quiz time: is this review positive or negative, and which words decide it? "
            "Let the class guess, then reveal the model's answer."
        ),
        "sentiment.quiz.reveal": "Reveal the answer",
        # Sentiment: explanation methods, comparison, word removal
        "sentiment.method": "Explain the verdict with",
        "sentiment.method.help": (
            "Attention shows where the model looked. The other three methods measure how much "
            "each word pushed P(positive) up or down. 'Compare all' shows the four side by side."
        ),
        "sentiment.method.attention": "Attention",
        "sentiment.method.grad_x_input": "Gradient × input",
        "sentiment.method.integrated_gradients": "Integrated gradients",
        "sentiment.method.occlusion": "Occlusion",
        "sentiment.method.compare": "Compare all",
        "sentiment.method.about": "How this method works",
        "sentiment.method.about.all": "How these methods work",
        "sentiment.method.paper": "Paper: {paper}",
        "sentiment.method.running": "Computing gradients and occlusion for {count} words…",
        "sentiment.about.attention": (
            "The attention layer gives every word's BiLSTM state a score from a small network, "
            "v·tanh(W·h + b), and turns the scores into weights with a softmax: each weight is "
            "between 0 and 1 and they add up to 1. The verdict is read from the weighted average "
            "of the states. A weight says how much the model looked at a word, not whether that "
            "word pushed the verdict toward positive or negative."
        ),
        "sentiment.about.grad_x_input": (
            "The gradient says how fast P(positive) changes when a word's embedding vector "
            "changes; multiplied by the embedding itself and summed over its dimensions, it "
            "estimates each word's push (positive = toward 'positive'). One backward pass, "
            "cheap, but only a local, first-order estimate: where the model is saturated "
            "(P close to 0 or 1) the gradient is small even for important words."
        ),
        "sentiment.about.integrated_gradients": (
            "Walk in a straight line from a baseline (every word's embedding set to zero) to the "
            "real review, take the gradient at {steps} or more points along the way (all in one "
            "batch), average them and multiply by the embedding. The scores of all words add up "
            "to P(review) − P(baseline) — the completeness property; the note below shows how "
            "closely they do here."
        ),
        "sentiment.about.occlusion": (
            "Delete one word at a time and run the model again: a word's score is P(positive) "
            "with it minus P(positive) without it, so positive means the word pushed toward "
            "'positive'. Exact for that single deletion, but blind to words that only matter "
            "together (delete 'not' or 'bad' alone from 'not bad' and each may look small)."
        ),
        "sentiment.legend.signed.low": "pushed toward negative",
        "sentiment.legend.signed.high": "pushed toward positive (white: no effect)",
        "sentiment.hover.score": "score",
        "sentiment.chart.scores.title": "{method}: score of each word, in reading order",
        "sentiment.chart.scores.y": "score (+ toward positive)",
        "sentiment.chart.scores.top.title": "Top 10 words by |score|",
        "sentiment.chart.scores.top.x": "score (+ toward positive)",
        "sentiment.ig.gap": (
            "Integrated gradients used {steps} steps from an all-zero baseline "
            "(P(positive) = {baseline:.3f}). The scores add up to {total:+.4f}; the change "
            "in P(positive) is {change:+.4f}; completeness gap {gap:.1%} of the change."
        ),
        "sentiment.scale.note": (
            "Each method's shades are scaled to its own largest |score|; hover a word for "
            "its exact value."
        ),
        "sentiment.compare.intro": (
            "The same review explained four ways. Attention (first row, your palette) shows "
            "where the model looked. The other three rows (orange–blue scale) show which way "
            "each word pushed the verdict."
        ),
        "sentiment.compare.agreement": "Does attention agree with the other methods?",
        "sentiment.compare.col.method": "method",
        "sentiment.compare.col.spearman": "Spearman ρ with attention",
        "sentiment.compare.col.overlap": "top-5 overlap with attention",
        "sentiment.compare.col.top": "5 strongest words",
        "sentiment.compare.row": "Spearman ρ with attention {spearman:+.2f} · top-5 overlap {overlap}",
        "sentiment.compare.note": (
            "Spearman ρ compares the ranking of words by attention with their ranking by "
            "|score| (1 = same order, 0 = unrelated, −1 = reversed). Top-5 overlap counts how "
            "many of the five most attended words are also among the method's five largest "
            "|scores|."
        ),
        "sentiment.sharpness": (
            "Attention sharpness: entropy {entropy:.2f} bits out of at most {maximum:.2f} "
            "(every one of the {count} words equal); the top 5 words take {top:.0%} of the "
            "attention."
        ),
        "sentiment.remove.title": "What if a word were missing?",
        "sentiment.remove.help": (
            "Pick a word (or click its bar in the chart of word weights above) to delete it "
            "from the review and run the model again."
        ),
        "sentiment.remove.pick": "Word to remove",
        "sentiment.remove.placeholder": "Pick a word…",
        "sentiment.remove.word": "#{position} {word}",
        "sentiment.remove.before": "With the word (attention)",
        "sentiment.remove.after": "Without “{word}” (attention)",
        "sentiment.remove.metric": "P(positive) without “{word}”",
        "sentiment.remove.empty": (
            "Without this word the review has no word left that the model can read."
        ),
        "sentiment.remove.occlusion": (
            "The change, {score:+.4f} = P(with) − P(without), is this word's occlusion score."
        ),
        "sentiment.remove.keep": "Keep the shortened review",
        # Lesson packs
        "lesson.sentiment.title": "attnviz lesson pack: sentiment and attention",
        "lesson.sentiment.description": (
            "A movie review (inputs.json) classified by an LSTM with additive attention. "
            "The model's verdict: {label} (P(positive) = {probability:.3f}). Each word got an "
            "attention weight between 0 and 1; the weights add up to 1 and show where the "
            "model looked when it made its decision."
        ),
        "lesson.dates.title": "attnviz lesson pack: dates, times and alignment",
        "lesson.dates.description": (
            "A sequence-to-sequence model with attention read “{text}” and wrote “{output}”, "
            "one character at a time. For every output character, the alignment matrix gives "
            "the attention weight of every input character (each row adds up to 1)."
        ),
        "lesson.file.inputs": "what produced this view (text, model, settings)",
        "lesson.file.weights_csv": "one row per word: position, word, token, weight",
        "lesson.file.alignment_csv": (
            "the alignment matrix in long form: output step, input character, weight"
        ),
        "lesson.file.result_json": "the whole result as JSON",
        "lesson.file.figure": "a Plotly figure (open with plotly.io.read_json)",
        "dates.download.csv": "Download alignment (CSV)",
        # Attention 101
        "a101.title": "Attention 101: the computation, step by step",
        "a101.intro": (
            "Attention answers one question: *which of these items matter for what I am "
            "looking for?* A **query** is compared with each item's **key**, the scores "
            "become **weights** that add up to 1, and the answer is the weighted sum of "
            "the items' **values**. Change any number below and watch every step follow."
        ),
        "a101.steps.title": "One query, a few tokens",
        "a101.tokens": "Tokens (3 to 6 words)",
        "a101.tokens.help": "Separate the words by spaces. Changing them resets the query.",
        "a101.tokens.used": "Using: {tokens}",
        "a101.dim": "Vector size d",
        "a101.scoring": "Scoring function",
        "a101.scoring.additive": "Additive",
        "a101.scoring.dot": "Dot product",
        "a101.scoring.scaled_dot": "Scaled dot product",
        "a101.temperature": "Temperature T",
        "a101.temperature.help": (
            "Scores are divided by T before the softmax: a small T makes the weights "
            "sharper (one winner), a large T makes them flatter (everyone shares)."
        ),
        "a101.shuffle": "New random keys and values",
        "a101.query": "Query q (what we are looking for)",
        "a101.table": "Keys k (what each token offers) and values v (what it gives back)",
        "a101.table.help": "Click a number to edit it.",
        "a101.step1": "① Scores",
        "a101.step2": "② Softmax → weights",
        "a101.step3": "③ Weighted sum",
        "a101.step1.text.additive": (
            "A tiny neural network (fixed weights W and v) scores how well each key fits the "
            "query. **{token}** fits best (score {score:.2f})."
        ),
        "a101.step1.text.dot": (
            "The dot product is large when the query and a key point the same way. "
            "**{token}** scores highest ({score:.2f})."
        ),
        "a101.step1.text.scaled_dot": (
            "The dot product, divided by √d so that longer vectors do not give bigger scores. "
            "**{token}** scores highest ({score:.2f})."
        ),
        "a101.step2.text.sharp": (
            "Softmax makes the scores positive and adds them up to 1. With a low temperature "
            "(T = {temperature:.1f}) the winner takes almost everything: **{token}** gets "
            "{weight:.0%}."
        ),
        "a101.step2.text.flat": (
            "Softmax makes the scores positive and adds them up to 1. With a high temperature "
            "(T = {temperature:.1f}) the weights even out; **{token}** still leads with "
            "{weight:.0%}."
        ),
        "a101.step2.text.plain": (
            "Softmax makes the scores positive and adds them up to 1: **{token}** gets "
            "{weight:.0%} of the attention."
        ),
        "a101.step3.text": (
            "Each value is multiplied by its weight and the results are added up. The output "
            "({output}) is mostly the value of **{token}**."
        ),
        "a101.chart.scores": "Scores e",
        "a101.chart.scores.y": "score",
        "a101.chart.weights": "Attention weights α (sum = 1)",
        "a101.chart.weights.y": "weight",
        "a101.chart.sum": "Weighted sum of the values",
        "a101.chart.sum.x": "value dimension",
        "a101.chart.sum.y": "contribution α·v",
        "a101.chart.sum.output": "output o",
        "a101.heads.title": "Two heads on the same example",
        "a101.heads.text": (
            "Each head first projects the query, keys and values with its own matrices, then "
            "attends (scaled dot product). So the two heads can look at different tokens: "
            "head 1 looks most at **{first}**, head 2 at **{second}**. Their outputs are "
            "concatenated."
        ),
        "a101.heads.chart": "Attention weights of each head",
        "a101.heads.head": "head",
        "a101.heads.concat": "concatenated",
        "a101.heads.output": "output",
        "a101.heads.projections": (
            "The projection matrices are random but fixed (seeded); in a trained model they "
            "are learned."
        ),
        "a101.features.title": "Attention over input features",
        "a101.features.intro": (
            "Attention does not need words. The classic Keras snippet below learns one weight "
            "per column of a table and multiplies the inputs by them. We build a table of "
            "random numbers where **only one column decides the label**, train for a few "
            "seconds, and look at where the attention went."
        ),
        "a101.features.column": "Column that carries the label",
        "a101.features.train": "Train",
        "a101.features.training": "Training a tiny model (a few seconds)…",
        "a101.features.table": (
            "The first rows of the table: label = 1 where {column} is positive. Every other "
            "column is random noise."
        ),
        "a101.features.press": "Press **Train** to fit the model and see its attention.",
        "a101.features.chart": "Learned attention over the columns",
        "a101.features.chart.x": "column",
        "a101.features.chart.y": "attention (mean over rows)",
        "a101.features.chart.informative": "carries the label",
        "a101.features.found": (
            "The attention peaks at **{top}** ({weight:.0%}): the model found the column that "
            "carries the label. Test accuracy {accuracy:.1%}, trained in {seconds:.1f} s. "
            "The training is seeded, so the same column gives the same picture."
        ),
        "a101.features.missed": (
            "The attention peaks at **{top}**, not at {column}: training was too short this "
            "time. Test accuracy {accuracy:.1%} ({seconds:.1f} s)."
        ),
        # Model cards
        "cards.title": "Model cards",
        "cards.intro": (
            "Every model the app ships, as its training run recorded it: what it does, the "
            "data, the architecture, the training curves, the test results and what it "
            "cannot do."
        ),
        "cards.none": "No model cards found in pretrained/. Train a model first.",
        "cards.model": "Model",
        "cards.what.sentiment": (
            "**What it does:** reads an English movie review and says how likely it is "
            "positive. An additive attention layer weighs every word; the weights are what "
            "the sentiment page highlights."
        ),
        "cards.what.dates": (
            "**What it does:** reads a date written in almost any way (“Sat, the 4th of July "
            "'76”) and writes it as YYYY-MM-DD, one character at a time, attending to the "
            "input characters at each step."
        ),
        "cards.what.times": (
            "**What it does:** reads a time of day written in words or digits (“quarter past "
            "seven in the evening”) and writes it as HH:MM (24 h), attending to the input "
            "characters at each step."
        ),
        "cards.what.other": "**What it does:** see the description above.",
        "cards.metric.accuracy": "Test accuracy",
        "cards.metric.examples": "Test examples",
        "cards.metric.parameters": "Parameters",
        "cards.metric.training": "Training time",
        "cards.metric.loss": "Test loss",
        "cards.minutes": "{minutes:.1f} min",
        "cards.data": "Data and conventions",
        "cards.data.sentiment": (
            "- Labels: positive or negative (reviews with 7–10 stars vs 1–4 stars).\n"
            "- Text is lower-cased and split into words; the 20,000 most frequent words are "
            "known, any other word is read as one “unknown” word.\n"
            "- Output: P(positive); 0.5 or more means positive."
        ),
        "cards.data.dates": (
            "- Generated, seeded examples of many written formats (the families below).\n"
            "- Case-insensitive; inputs up to 64 characters (longer ones are cut).\n"
            "- Year first is always Y-M-D. With the year last, `/` or `-` between numbers "
            "means month first (US: 07/04/1976), `.` means day first (European: 04.07.1976).\n"
            "- A 2-digit year means 1969–1999 for 69–99 and 2000–2068 for 00–68; years "
            "1900–2099. Weekday names are ignored."
        ),
        "cards.data.times": (
            "- Generated, seeded examples in words and digits (the families below).\n"
            "- “pm”, “in the evening”, “noon” and “midnight” set the half of the day; without "
            "them the hour is taken as written (“five past nine” → 09:05)."
        ),
        "cards.data.other": "- See the configuration below.",
        "cards.families": "Input format families in the training data: {families}",
        "cards.training": "Training curves",
        "cards.no_history": "This card has no training history.",
        "cards.curve.accuracy": "training accuracy",
        "cards.curve.val_accuracy": "validation accuracy",
        "cards.curve.val_exact_match": "validation exact match",
        "cards.curve.loss": "training loss",
        "cards.curve.val_loss": "validation loss",
        "cards.chart.accuracy": "Accuracy per epoch",
        "cards.chart.accuracy.y": "accuracy",
        "cards.chart.loss": "Loss per epoch",
        "cards.chart.loss.y": "loss",
        "cards.chart.epoch": "epoch",
        "cards.metrics": "Test results",
        "cards.confusion.title": "Confusion matrix on the test reviews",
        "cards.confusion.x": "the model said",
        "cards.confusion.y": "the review is",
        "cards.confusion.colorbar": "reviews",
        "cards.confusion.true_negative": "negative",
        "cards.confusion.true_positive": "positive",
        "cards.confusion.pred_negative": "negative",
        "cards.confusion.pred_positive": "positive",
        "cards.own_sentences": (
            "Hand-written check sentences: **{correct} of {total}** classified as expected."
        ),
        "cards.family.title": "Exact-match accuracy per input format family",
        "cards.family.x": "exact-match accuracy",
        "cards.mistakes": "Mistakes on the test set ({count})",
        "cards.architecture": "Architecture",
        "cards.col.setting": "setting",
        "cards.col.value": "value",
        "cards.col.layer": "layer",
        "cards.col.type": "type",
        "cards.col.shape": "output shape",
        "cards.col.parameters": "parameters",
        "cards.no_model_file": "The model file {file} is absent, so its layers cannot be listed.",
        "cards.layers": "List the layers (loads the model)",
        "cards.layers.help": "Loads the saved model and lists its layers, output shapes and sizes.",
        "cards.layers.loading": "Loading the model…",
        "cards.layers.error": "The model could not be loaded: {error}",
        "cards.layers.total": "{total:,} parameters in all.",
        "cards.provenance": "Training run",
        "cards.created": "Trained: {created}",
        "cards.training_time": "Training time: {seconds:,.0f} s ({minutes:.1f} min)",
        "cards.versions": "Library versions: {versions}",
        "cards.download": "Download the model card (JSON)",
        "cards.limitations": "Known limitations",
        "cards.limitations.sentiment": (
            "- Trained on IMDB movie reviews only: other topics (products, news, tweets) and "
            "other languages are out of its depth.\n"
            "- Sarcasm and irony (“Oh great, another two hours of my life gone”) usually fool it.\n"
            "- Long-range negation (“I would not say, as many critics did, that it was a "
            "masterpiece”) is often missed.\n"
            "- It reads only the first 800 words; the rest is ignored.\n"
            "- Attention weights show where the model looked, not a full causal explanation "
            "of its decision."
        ),
        "cards.limitations.dates": (
            "- It always writes a date, even for text that is not one: check the “valid” "
            "flag.\n"
            "- Ambiguous numeric dates follow the conventions above (07/04 is July 4th).\n"
            "- Only years 1900–2099 and English month and weekday names.\n"
            "- Inputs longer than 64 characters are cut."
        ),
        "cards.limitations.times": (
            "- Text that is not a time still yields a time: check the “valid” flag.\n"
            "- Without “am/pm” or a part of the day, the hour is taken as written.\n"
            "- English words only; seconds are not supported."
        ),
        "cards.limitations.other": "- Not documented for this model.",
        # Mechanisms page
        "nav.mechanisms": "Attention mechanisms",
        "mechanisms.title": "Attention mechanisms: one review, four models",
        "mechanisms.intro": (
            "The four sentiment models on this page were trained on the same 25,000 IMDB "
            "reviews with the same vocabulary and recipe; **only their attention layer "
            "differs**. Type a review to see how each mechanism spreads its weight over your "
            "words. **Entropy** tells how spread out the weights are: 0 bits means all weight "
            "on one word, log2(n) bits an even spread over n words."
        ),
        "mechanisms.loading": "Loading the {variant} model (first visit only)…",
        "mechanisms.none": "No sentiment model could be loaded. Train them with the commands below.",
        "mechanisms.missing": (
            "This model has not been trained yet (`{file}` is not in the models folder). "
            "Train it from the project folder with `{command}`; it appears here on the next run."
        ),
        "mechanisms.broken": (
            "This model cannot be loaded. {error} To train this variant again, run `{command}`."
        ),
        "mechanisms.variant.additive": "Additive",
        "mechanisms.variant.per_unit": "Per-unit",
        "mechanisms.variant.dot_product": "Scaled dot-product",
        "mechanisms.variant.multi_head": "Multi-head self-attention",
        "mechanisms.how.additive": (
            "Scores each word's BiLSTM state with a small network, v · tanh(W h + b), and takes "
            "a softmax over the words: one weight per word, shared by all features."
        ),
        "mechanisms.how.per_unit": (
            "Computes tanh(W h + b) for every hidden unit and takes a softmax over the words "
            "separately for each unit; the weight per word shown is the mean over the units."
        ),
        "mechanisms.how.dot_product": (
            "Turns each word's state into a key k and compares it with one learned query "
            "vector q: softmax(q · k / √d) over the words."
        ),
        "mechanisms.how.multi_head": (
            "{heads} self-attention heads first let every word mix in the states of the other "
            "words; additive attention then pools the result, and its weights are shown."
        ),
        "mechanisms.accuracy": "Test accuracy: **{accuracy}** ({reviews:,} IMDB test reviews)",
        "mechanisms.accuracy.plain": "Test accuracy: **{accuracy}**",
        "mechanisms.accuracy.unknown": "Test accuracy: not in the model card",
        "mechanisms.prediction": "Prediction: **{label}**, P(positive) = **{probability:.3f}**",
        "mechanisms.entropy": "Attention entropy: **{bits:.2f} bits** (normalized {normalized:.2f})",
        "mechanisms.top_share": "Top {k} words take **{share}** of the weight",
        "mechanisms.summary": "Summary",
        "mechanisms.summary.help": (
            "Test accuracy comes from each model card; the other columns describe this review "
            "only. Rank correlation and overlap compare each model's word weights with the "
            "{reference} model's."
        ),
        "mechanisms.summary.no_reference": (
            "The {reference} model is not available, so the comparison columns are empty."
        ),
        "mechanisms.col.variant": "Attention",
        "mechanisms.col.accuracy": "Test accuracy",
        "mechanisms.col.probability": "P(positive)",
        "mechanisms.col.entropy": "Entropy (bits)",
        "mechanisms.col.normalized": "Entropy ÷ max",
        "mechanisms.col.normalized.help": (
            "Entropy divided by its maximum log2(n) for the n words read: 0 = all weight on one "
            "word, 1 = an even spread."
        ),
        "mechanisms.col.top_share": "Top-{k} share",
        "mechanisms.col.top_words": "Top {k} words",
        "mechanisms.col.spearman": "ρ vs {reference}",
        "mechanisms.col.spearman.help": (
            "Spearman rank correlation between this model's word weights and the {reference} "
            "model's on this review: 1 = same order of importance, 0 = unrelated, −1 = reversed."
        ),
        "mechanisms.col.overlap": "Top-{k} overlap",
        "mechanisms.col.overlap.help": (
            "Share of this model's {k} highest-weighted words that are also among the "
            "{reference} model's top {k}."
        ),
        "mechanisms.detail.capped": (
            "The maps below show the first {shown} of the {total} words so they stay readable "
            "and fast; the numbers above use every word."
        ),
        "mechanisms.per_unit.title": "Inside per-unit attention",
        "mechanisms.per_unit.note": (
            "Additive attention gives **one weight per word**, shared by every feature of the "
            "BiLSTM state. Per-unit attention gives **each of the {units} hidden units its own "
            "softmax over the words**: each row of the map is one unit's distribution and sums "
            "to 1 over the whole review. The single weight per word shown above is the mean "
            "over the {units} units."
        ),
        "mechanisms.per_unit.entropy": (
            "One unit's distribution has on average {unit_bits:.2f} bits of entropy; their mean "
            "over the {units} units has {mean_bits:.2f} bits (averaging spreads the weight: the "
            "mean is never sharper than the units are on average)."
        ),
        "mechanisms.per_unit.heatmap.title": "Each of the {units} hidden units weighs the words on its own",
        "mechanisms.per_unit.heatmap.y": "hidden unit",
        "mechanisms.per_unit.heatmap.colorbar": "attention weight (softmax over time, per unit)",
        "mechanisms.per_unit.hover.unit": "unit",
        "mechanisms.per_unit.mean.title": "Mean over the {units} units: the weight per word shown above",
        "mechanisms.multi_head.title": "Inside multi-head self-attention",
        "mechanisms.multi_head.note": (
            "Before pooling, a self-attention layer with {heads} heads lets every word look at "
            "every word: in the map, each row is one query word, and its weights over the key "
            "words (columns) sum to 1 over the whole review. Each head learns its own pattern; "
            "**Average** is the mean of the {heads} heads. The mixed states (added to the BiLSTM "
            "states and normalized) are then pooled by additive attention, whose weights, drawn "
            "last, are the weights per word shown above."
        ),
        "mechanisms.multi_head.select": "Head",
        "mechanisms.multi_head.head": "Head {number}",
        "mechanisms.multi_head.average": "Average of {heads} heads",
        "mechanisms.multi_head.entropy": (
            "{head}: a query row has on average {bits:.2f} bits of entropy over the {n} words shown."
        ),
        "mechanisms.multi_head.heatmap.title": "Self-attention, {head}: what each word takes from each word",
        "mechanisms.multi_head.heatmap.x": "key word (attended to)",
        "mechanisms.multi_head.heatmap.y": "query word (attending)",
        "mechanisms.multi_head.heatmap.colorbar": "attention weight (softmax over keys)",
        "mechanisms.multi_head.hover.query": "query",
        "mechanisms.multi_head.hover.key": "key",
        "mechanisms.multi_head.pooling.title": "Pooling weights after self-attention: the weight per word shown above",
        # Dates sharpness
        "dates.sharpness.step": (
            "Attention at this step: entropy **{bits:.2f} bits** (maximum log2({n}) = "
            "{max_bits:.2f}); the top {k} input characters take **{share:.0%}** of the weight."
        ),
        "dates.sharpness.summary": (
            "**Sharpness:** the mean attention entropy over the {steps} output steps is "
            "**{mean_bits:.2f} bits**, against a maximum of log2({n}) = {max_bits:.2f} bits for "
            "weights spread evenly over all {n} input characters ({ratio:.0%} of it)."
        ),
        "dates.sharpness.chart.title": "How sharp is the attention at each output step?",
        "dates.sharpness.chart.y": "entropy (bits)",
        "dates.sharpness.chart.y2": "top-{k} share",
        "dates.sharpness.chart.entropy": "entropy (bits)",
        "dates.sharpness.chart.top_share": "share of the top {k} input characters",
        "dates.sharpness.chart.maximum": "maximum: log2({n}) = {bits:.2f} bits (even spread)",
    },
    "zh": ZH,
}


def translator(language=DEFAULT_LANGUAGE):
    """A `t(key, **fields)` function bound to `language` (for a page to use throughout)."""

    def bound(key, **fields):
        return t(key, language, **fields)

    bound.language = language if language in STRINGS else DEFAULT_LANGUAGE
    return bound


def fields_of(text):
    """The names of the `str.format` fields in `text` ({count}, {probability:.3f} -> count, ...)."""
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key, language=DEFAULT_LANGUAGE, **fields):
    """The text for `key` in `language` (English if missing), with `fields` filled in.

    Raises:
        KeyError: `key` is not an English key (a typo in the caller).
    """
    table = STRINGS.get(language, STRINGS[DEFAULT_LANGUAGE])
    text = table.get(key)
    if text is None:
        text = STRINGS[DEFAULT_LANGUAGE][key]
    return text.format(**fields) if fields else text
