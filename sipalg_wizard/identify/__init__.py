"""Router identification: vendor and model from web banner, TLS certificate, UPnP and MAC OUI."""
