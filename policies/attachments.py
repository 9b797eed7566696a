"""How an attachment is announced next to its link: type and size
("PDF，120 KB"), read from the stored file each time, so they never go stale."""

KINDS = {
    "pdf": "PDF", "doc": "Word", "docx": "Word", "wps": "WPS", "xls": "Excel", "xlsx": "Excel", "et": "WPS表格",
    "ppt": "PowerPoint", "pptx": "PowerPoint", "ofd": "OFD", "zip": "ZIP", "rar": "RAR", "txt": "文本",
    "jpg": "图片", "jpeg": "图片", "png": "图片", "csv": "CSV",
}


def human_size(size):
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def file_info(document):
    """"PDF，120 KB" for a Wagtail document; the size is left out when the
    file cannot be read (a missing file must not break the policy page)."""
    extension = document.file_extension.lower()
    parts = [KINDS.get(extension, extension.upper() or "文件")]
    try:
        parts.append(human_size(document.file.size))
    except (OSError, ValueError):
        pass
    return "，".join(parts)
