// Demo data for a Jobcenter, close enough to a real one to try every flow.
#include "app/demo_data.hpp"

#include <algorithm>
#include <cstdio>

namespace amt::app {

namespace {

Service service(std::string id, std::string name, std::string group, std::string description, int minutes,
                std::vector<std::string> documents, ChannelSet channels = all_channels,
                Routing routing = Routing::pool) {
  Service s;
  s.id = std::move(id);
  s.location_id = "mainz";
  s.name = std::move(name);
  s.group = std::move(group);
  s.description = std::move(description);
  s.duration_minutes = minutes;
  s.documents = std::move(documents);
  s.channels = channels;
  s.routing = routing;
  s.lead_time_minutes = 60;
  s.horizon_days = 56;
  return s;
}

std::vector<Service> demo_services() {
  const auto online_phone = static_cast<ChannelSet>(static_cast<int>(Channel::online) | static_cast<int>(Channel::phone));
  std::vector<Service> s = {
      service("first-application", "Erstantrag Bürgergeld", "Geldleistungen",
              "Sie beantragen zum ersten Mal Bürgergeld.", 45,
              {"Personalausweis oder Pass", "Mietvertrag", "Kontoauszüge der letzten drei Monate",
               "Nachweise über Einkommen", "Nachweis der Krankenversicherung"}),
      service("continued-benefits", "Weiterbewilligung", "Geldleistungen",
              "Ihr Bürgergeld läuft aus und soll weiter gezahlt werden.", 30,
              {"Personalausweis oder Pass", "Kontoauszüge der letzten drei Monate", "Nachweise über Einkommen"}),
      service("change-notification", "Veränderung mitteilen", "Geldleistungen",
              "Ihr Einkommen, Ihre Wohnung oder Ihr Haushalt hat sich geändert.", 15,
              {"Personalausweis oder Pass", "Nachweis der Veränderung"}),
      service("housing-costs", "Kosten der Unterkunft", "Geldleistungen",
              "Fragen zu Miete, Nebenkosten, Heizkosten oder einem Umzug.", 30,
              {"Personalausweis oder Pass", "Mietvertrag", "Nebenkostenabrechnung"}),
      service("one-off-benefits", "Einmalige Leistungen", "Geldleistungen",
              "Erstausstattung der Wohnung, bei Schwangerschaft oder Geburt.", 30,
              {"Personalausweis oder Pass", "Kostenvoranschlag oder Nachweis des Bedarfs"}),
      service("education-participation", "Bildung und Teilhabe", "Familie",
              "Schulbedarf, Klassenfahrten, Nachhilfe, Mittagessen, Vereine für Kinder.", 30,
              {"Personalausweis oder Pass", "Bescheinigung der Schule oder Kita"}),
      service("placement-counselling", "Beratung zu Arbeit und Ausbildung", "Arbeit",
              "Gespräch mit Ihrer Arbeitsvermittlerin oder Ihrem Arbeitsvermittler.", 45,
              {"Personalausweis oder Pass", "Lebenslauf", "Zeugnisse"}, all_channels, Routing::responsible),
      service("submit-documents", "Unterlagen abgeben", "Allgemein",
              "Sie möchten angeforderte Unterlagen abgeben.", 15, {"Die angeforderten Unterlagen"}),
      service("decision-questions", "Fragen zum Bescheid", "Allgemein",
              "Sie haben einen Bescheid erhalten und Fragen dazu.", 30, {"Der Bescheid"}, online_phone),
  };
  s[7].lead_time_minutes = 30;
  return s;
}

WorkDay day(LocalTime from, LocalTime to, std::vector<TimeRange> breaks = {}) {
  return WorkDay{{{from, to}}, std::move(breaks)};
}

// Full time: long days Monday to Thursday with a half-hour lunch break, short Friday.
std::array<WorkDay, 7> full_time(int lunch_offset) {
  const TimeRange lunch{hm(12, lunch_offset), hm(12, lunch_offset + 30)};
  std::array<WorkDay, 7> plan;
  for (int d = 0; d < 3; ++d) plan[d] = day(hm(7, 30), hm(16), {lunch});
  plan[3] = day(hm(7, 30), hm(18), {lunch});
  plan[4] = day(hm(7, 30), hm(12, 30));
  return plan;
}

// Part time: mornings only, with a short break, four days a week.
std::array<WorkDay, 7> part_time(int free_day) {
  std::array<WorkDay, 7> plan;
  for (int d = 0; d < 5; ++d)
    if (d != free_day) plan[d] = day(hm(8), hm(12, 30), {{hm(10), hm(10, 15)}});
  return plan;
}

}  // namespace

Catalog demo_catalog(LocalDate terminpflicht_from) {
  Catalog c;
  Location mainz;
  mainz.id = "mainz";
  mainz.name = "Jobcenter Mainz";
  mainz.address = "Untere Zahlbacher Straße 27, 55131 Mainz";
  mainz.phone = "06131 88080";
  for (int d = 0; d < 3; ++d) mainz.opening_hours[d] = {{hm(8), hm(16)}};
  mainz.opening_hours[3] = {{hm(8), hm(18)}};
  mainz.opening_hours[4] = {{hm(8), hm(12, 30)}};
  mainz.closures = {LocalDate{date::year{2026} / 12 / 24}, LocalDate{date::year{2026} / 12 / 31},
                    LocalDate{date::year{2027} / 12 / 24}, LocalDate{date::year{2027} / 12 / 31}};
  mainz.terminpflicht_from = terminpflicht_from;
  c.locations.push_back(mainz);
  c.services = demo_services();

  static const char* names[] = {
      "Anna Becker",    "Jonas Schmitt",   "Leyla Yılmaz",   "Thomas Wagner",   "Maria Hoffmann",
      "Olena Kovalenko", "Stefan Koch",    "Sabine Richter", "Ahmad Haddad",    "Julia Klein",
      "Markus Wolf",    "Katharina Neumann", "Peter Schröder", "Elif Demir",    "Andreas Braun",
      "Claudia Zimmermann", "Michael Krüger", "Nadia Rahman",  "Frank Hofmann",  "Petra Lange",
      "Dirk Schmitz",   "Monika Werner",   "Tobias Krause",  "Svetlana Ivanova", "Jan Meier",
      "Birgit Lehmann", "Christian Huber", "Aylin Kaya",     "Matthias Mayer",  "Ute Hermann",
      "Daniel König",   "Sandra Walter",   "Florian Schulze", "Ioana Popescu",  "Uwe Fuchs",
      "Heike Peters",   "Karim Mansour",   "Lisa Jung",      "Ralf Vogel",      "Nicole Keller"};
  const std::vector<Id> benefits = {"first-application", "continued-benefits", "change-notification",
                                    "housing-costs", "one-off-benefits", "education-participation",
                                    "decision-questions", "submit-documents"};
  for (int i = 0; i < 40; ++i) {
    Staff s;
    char id[24];  // room for any int: -O1 builds warn about truncation otherwise
    std::snprintf(id, sizeof id, "staff-%02d", i + 1);
    s.id = id;
    s.location_id = "mainz";
    s.name = names[i];
    s.room = (i < 20 ? "A." : i < 34 ? "B." : "E.") + std::to_string(101 + i);
    if (i < 20) {
      s.team = i < 10 ? "Leistung 1" : "Leistung 2";
      // Not everyone does everything: first applications and one-off benefits are specialised.
      for (const Id& skill : benefits)
        if ((skill != "first-application" || i % 2 == 0) && (skill != "one-off-benefits" || i % 3 == 0))
          s.skills.push_back(skill);
    } else if (i < 34) {
      s.team = "Arbeitsvermittlung";
      s.skills = {"placement-counselling", "submit-documents"};
      if (i % 4 == 0) s.skills.push_back("education-participation");
    } else {
      s.team = "Eingangszone";
      s.skills = {"submit-documents", "change-notification"};
    }
    std::sort(s.skills.begin(), s.skills.end());
    s.plan = i % 5 == 4 ? part_time(i % 5) : full_time((i % 3) * 30);
    c.staff.push_back(std::move(s));
  }
  // Vertretung: the next two colleagues of the same team, in order.
  for (size_t i = 0; i < c.staff.size(); ++i) {
    for (size_t k = 1; k < c.staff.size() && c.staff[i].deputies.size() < 2; ++k) {
      const Staff& other = c.staff[(i + k) % c.staff.size()];
      if (other.team == c.staff[i].team) c.staff[i].deputies.push_back(other.id);
    }
  }
  // Placement officers (staff-21 .. staff-34) each look after a range of customer numbers.
  for (int k = 0; k < 14; ++k) {
    char from[16], to[16];
    std::snprintf(from, sizeof from, "%06d", 100000 + k * 64286);
    std::snprintf(to, sizeof to, "%06d", k == 13 ? 999999 : 100000 + (k + 1) * 64286 - 1);
    c.responsibility_rules.push_back({"mainz", c.staff[20 + k].id, from, to, "", ""});
  }
  return c;
}

}  // namespace amt::app
