from .distribution_chart import chart_markup


def document_values(docs):
    """The QWeb values of a printed document whose layout may draw the
    distribution curve: the records, once the reader's right to read them is
    checked (the report is also reachable by URL)."""
    docs.check_access("read")
    return {
        "doc_ids": docs.ids,
        "doc_model": docs._name,
        "docs": docs,
        "distribution_chart": chart_markup,
    }
