"""The programme builder: the link format it shares with `handout --from-link`, and its page data."""
