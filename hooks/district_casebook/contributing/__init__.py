"""What contributors start from and read: the case scaffold, the issue form, the field reference, the contributing page, the editor schema."""
