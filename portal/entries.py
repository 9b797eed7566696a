"""The home page's quick entries (快捷入口): data, not template code.
Add a section's entry here when its pages exist."""

QUICK_ENTRIES = [
    {"title": "政策文件库", "url": "/zhengce/", "text": "按主题、发文机关、政策级别查阅现行有效的政策文件"},
    {"title": "政策解读", "url": "/jiedu/", "text": "文字、图解、问答等形式的权威解读，看得懂、用得着"},
    {"title": "惠企政策", "url": "/huiqi/", "text": "资金扶持、税费减免等惠企事项及申报时间、申报方式"},
    {"title": "惠民政策", "url": "/huimin/", "text": "生育、上学、就业、住房、医疗、养老等个人和家庭的补贴、救助与优待"},
    {"title": "权责清单", "url": "/quanze/", "text": "各部门行政权力事项、责任事项与动态调整情况"},
    {"title": "政策日历", "url": "/huiqi/rili/", "text": "申报中和即将开始的事项，按开始和截止日期排列，可订阅到手机日历"},
]
