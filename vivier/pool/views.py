from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from vivier.accounts.access import require_team

from .models import Candidate


@login_required
def candidate_list(request):
    team = require_team(request)
    candidates = Candidate.objects.filter(team=team).order_by("-created_at")[:50]
    return render(request, "pool/list.html", {"candidates": candidates})
