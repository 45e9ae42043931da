"""Reading UN recommendation files: UHRI and UPR Info exports, UPR matrices, our own exports, and any
spreadsheet through a column mapping. Pure Python: nothing here touches the database.

    table = open_table(path, filename="uhri-export.xlsx")  # ImportFileError if unreadable
    fmt = detect_format(table.headers)  # "uhri", "uprinfo", "nmirf", "matrix" or None
    for record in parse(table, fmt):  # RawRecommendation, with .errors per row
        ...
"""
