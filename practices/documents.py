"""Uploads in the admin: documents (sources, reports) are limited in type and size."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from wagtail.documents.forms import BaseDocumentForm


class DocumentForm(BaseDocumentForm):
    """Wagtail checks the extension (WAGTAILDOCS_EXTENSIONS); this adds the size limit."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = settings.WWDW_DOCUMENT_MAX_BYTES
        if upload is not None and upload.size > limit:
            raise ValidationError(
                f"Dit bestand is {filesizeformat(upload.size)}; het maximum is "
                f"{filesizeformat(limit)}."
            )
        return upload
