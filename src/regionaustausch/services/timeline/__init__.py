"""``@timeline`` on an ExchangeProposal: its path (states and decisions, supports, meetings, resolution
status changes), built by regionaustausch.timeline."""
