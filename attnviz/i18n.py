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
