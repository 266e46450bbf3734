from django.forms.renderers import TemplatesSetting


class TremplinFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"
