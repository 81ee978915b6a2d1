"""``@support`` on an ExchangeProposal: GET the supports and the quorum, POST to support, DELETE to
withdraw (the rules: regionaustausch.domain.supports; the storage: regionaustausch.supports)."""
