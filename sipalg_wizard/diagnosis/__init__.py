"""The diagnosis: from the steps' results to a verdict, its explanation and the support code.

``pipeline`` runs the steps (network, router, witnesses) and ``assemble``s a ``document.Diagnosis``
(the JSON document of the design brief); ``verdict`` decides what the findings add up to;
``explain`` says it in the customer's words (as message keys); ``verify`` runs it again after the
fix and compares; ``supportcode`` packs it into twelve characters for the phone. No Qt here.
"""
