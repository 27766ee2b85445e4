"""The ALG probe: real SIP messages through the router to the reflector, compared byte for byte."""
