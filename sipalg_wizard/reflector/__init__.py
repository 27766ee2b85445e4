"""The reflector server an ISP or VoIP provider runs on a public address (no Qt)."""
