"""The portal's core: what every domain app builds on and which imports no domain app."""
