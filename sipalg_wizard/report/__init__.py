"""The diagnosis as the customer and the agent keep it: ``text`` for a terminal, ``htmlpage`` for
a self-contained printable page, ``store`` to save both (JSON and HTML) where the customer finds
them. The JSON document itself is ``diagnosis.document``.
"""
