"""``@my-data`` on the site (any navigation root): everything the site stores about the caller, as a
JSON download (right of access and to data portability, Art. 15 and 20 DSGVO; the collecting:
regionaustausch.privacy.export)."""
