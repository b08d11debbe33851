# Recording an absence on the team lead's pages as a team lead does: plan it, then apply the plan
# with the deputies the page proposed.
import html
import re


def hidden(body, name):
    return html.unescape(re.search(rf'name="{name}" value="([^"]*)"', body).group(1))


def plan_form(body):
    form = {k: hidden(body, k) for k in ("staff", "reason", "from_at", "to_at", "fingerprint")}
    for name, value in re.findall(r'name="(assign\.[^"]+)"[^>]*>.*?<option value="([^"]*)" selected', body, re.S):
        form[name] = value
    return form


def record(lead, fields):
    resp = lead.post("/staff/absences/plan", fields)
    assert resp.status == 200, resp
    done = lead.post("/staff/absences/apply", plan_form(resp.body.decode()))
    assert done.status == 303, done
    return done
