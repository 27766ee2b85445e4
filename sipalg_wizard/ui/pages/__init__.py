"""One module per wizard step. Each page is a ``StepPage``: the wizard numbers it ("Step N of M")."""
