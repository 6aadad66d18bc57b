"""What the casebook adds to Markdown: [[id]] references, <<placeholders>> and listing markers."""
