"""One door to every object: who may see (else 404) and who may change (else 403)."""

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

M = TypeVar("M", bound=Model)


def workspace_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Staff pages: anonymous users go to the login page, users without a role get 404."""

    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.has_perm("nmirf.access_workspace"):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def require_view(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise Http404


def require_change(user, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied


def get_for_user(user, model: type[M], pk, *, change: bool = False, queryset=None) -> M:
    """The object if `user` may see it (404 otherwise); with change=True, 403 unless they may change it."""
    meta = model._meta
    require_view(user, f"{meta.app_label}.view_{meta.model_name}")
    obj = get_object_or_404(queryset if queryset is not None else model, pk=pk)
    if change:
        require_change(user, f"{meta.app_label}.change_{meta.model_name}")
    return obj
