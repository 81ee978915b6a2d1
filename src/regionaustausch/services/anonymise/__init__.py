"""``@anonymise`` on a Representative: an editor anonymises a former representative on request (right
to erasure, Art. 17 DSGVO; what it does: regionaustausch.privacy.anonymise)."""
