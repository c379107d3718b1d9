"""Every read of proposals, one submodule per kind of page: import from the submodule
(proposals.selectors.public, .page, .moderation). Who sees what is written once, on the
querysets (Proposal.objects.visible_to, .listed) and in proposals.rules."""
