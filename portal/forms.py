from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import Feedback


class FeedbackForm(forms.Form):
    """A short message from the public; `website` is a honeypot that people never see or fill in."""

    message = forms.CharField(
        label=_("What do you know about the implementation of this recommendation?"),
        widget=forms.Textarea(attrs={"rows": 5}),
        min_length=10,
        max_length=5000,
    )
    name = forms.CharField(label=_("Your name (optional)"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only the secretariat sees your name and address, to ask you more if needed."),
    )
    organisation = forms.CharField(label=_("Organisation (optional)"), max_length=200, required=False)
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_spam(self) -> bool:
        return bool(self.data.get("website", "").strip())


class FeedbackReviewForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Feedback.State.REVIEWED, _("Reviewed")),
            (Feedback.State.REJECTED, _("Rejected (spam or off topic)")),
        ],
        widget=forms.RadioSelect,
    )
    published = forms.BooleanField(
        label=_(
            "Show the message (without the sender's name or address) on the recommendation's public page"
        ),
        required=False,
    )
    note = forms.CharField(
        label=_("Note for the secretariat"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
