"""The desktop wizard: the only part of the program that imports Qt (through ``ui.qt``)."""
