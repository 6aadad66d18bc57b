"""What a casebook is: its vocabularies, sections, cases, meetings and the collection that indexes them."""
