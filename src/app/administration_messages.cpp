// German texts for the admin's validation codes and orphan reasons; English is the message the
// check wrote (FieldError::message) or the table's second column.
#include "app/administration_messages.hpp"

#include <array>
#include <utility>

namespace amt::app::admin {
namespace {

struct Text {
  std::string_view code;
  std::string_view de;
  std::string_view en;
};

constexpr std::array<Text, 22> field_texts = {{
    {"required", "Bitte füllen Sie dieses Feld aus.", ""},
    {"too_long", "Dieser Text ist zu lang. Bitte kürzen Sie ihn.", ""},
    {"invalid", "Steuerzeichen sind nicht erlaubt.", ""},
    {"invalid_id", "Verwenden Sie 1 bis 64 Kleinbuchstaben, Ziffern und Bindestriche.", ""},
    {"taken", "Diese Kennung ist schon vergeben.", ""},
    {"unknown", "Bitte wählen Sie einen vorhandenen Eintrag.", ""},
    {"out_of_range", "Diese Zahl liegt außerhalb des erlaubten Bereichs.", ""},
    {"invalid_range", "Jeder Zeitraum muss nach seinem Beginn enden und innerhalb des Tages liegen.", ""},
    {"overlap", "Dies überschneidet sich mit einem anderen Eintrag.", ""},
    {"break_outside_shift", "Eine Pause muss innerhalb einer Arbeitszeit desselben Tages liegen.", ""},
    {"unknown_service", "Diese Fähigkeit ist kein Anliegen dieses Standorts.", ""},
    {"unknown_staff", "Bitte wählen Sie eine aktive Person dieses Standorts.", ""},
    {"self_deputy", "Niemand kann sich selbst vertreten.", ""},
    {"duplicate", "Diese Person ist doppelt genannt.", ""},
    {"invalid_customer_number", "Eine Kundennummer hat 3 bis 20 Buchstaben und Ziffern.", ""},
    {"invalid_letters", "Ein Buchstabenbereich hat je Ende 1 bis 10 Buchstaben, etwa A-K.", ""},
    {"invalid_letter_range", "Der Buchstabenbereich darf nicht vor seinem Anfang enden.", ""},
    {"invalid_date", "Bitte geben Sie ein Datum wie 2027-03-15 ein.", ""},
    {"invalid_time", "Bitte geben Sie Zeiten wie 07:30-16:00 ein.", ""},
    {"expires_before_publish", "Der Ablauf muss nach der Veröffentlichung liegen.", ""},
    {"already_published", "Schon veröffentlicht: ziehen Sie die Neuigkeit zurück oder löschen Sie sie.", ""},
    {"linked_elsewhere", "Diese Person ist schon einem anderen Mitarbeiterkonto zugeordnet.", ""},
}};

constexpr std::array<Text, 12> reason_texts = {{
    {"service_retired", "Das Anliegen wird nicht mehr angeboten.", "The service is no longer offered."},
    {"location_closed", "Der Standort ist an diesem Tag geschlossen.", "The location is closed that day."},
    {"outside_opening_hours", "Der Termin liegt außerhalb der Öffnungszeiten.", "The appointment is outside opening hours."},
    {"unknown_staff", "Die zuständige Person ist nicht mehr aktiv.", "The person holding it is no longer active."},
    {"not_qualified", "Die zuständige Person hat diese Fähigkeit nicht mehr.", "The person holding it no longer has the skill."},
    {"outside_working_time", "Der Termin liegt außerhalb der Arbeitszeit.", "The appointment is outside working time."},
    {"in_break", "Der Termin fällt in eine Pause.", "The appointment falls into a break."},
    {"absent", "Die zuständige Person ist abwesend.", "The person holding it is absent."},
    {"double_booked", "Die Person hat zur selben Zeit einen anderen Termin.", "The person holds another appointment then."},
    {"not_a_deputy", "Die Person gehört nicht zur Vertretung.", "The person is not in the deputy chain."},
    {"bound_to_person", "Der Termin ist an eine Person gebunden.", "The appointment is bound to its person."},
    {"wrong_holder", "Die Zuordnung hat sich geändert.", "The holder has changed."},
}};

}  // namespace

std::string field_message(std::string_view lang, const FieldError& error) {
  if (lang == "en") return error.message;
  for (const Text& t : field_texts)
    if (t.code == error.code) return std::string(t.de);
  return "Bitte prüfen Sie diese Angabe.";
}

std::string reason_text(std::string_view lang, std::string_view reason) {
  for (const Text& t : reason_texts)
    if (t.code == reason) return std::string(lang == "en" ? t.en : t.de);
  return lang == "en" ? "The appointment cannot stay as it is." : "Der Termin kann so nicht bleiben.";
}

}  // namespace amt::app::admin
