#include "datagen/words.hpp"

#include <array>

namespace pgcertify::datagen {
namespace {
constexpr std::array<std::string_view, 40> kFirst = {
    "Ada",   "Alan",  "Grace", "Linus", "Barbara", "Donald", "Edsger", "Frances", "John",  "Margaret",
    "Ken",   "Dennis", "Bjarne", "Guido", "James", "Radia", "Leslie", "Tony",    "Niklaus", "Hedy",
    "Katherine", "Dorothy", "Mary", "Sophie", "Carlos", "Lucia", "Mateo", "Amara", "Yuki", "Chen",
    "Priya", "Omar", "Fatima", "Ivan", "Olga", "Kwame", "Ana", "Noah", "Emma", "Liam"};
constexpr std::array<std::string_view, 40> kLast = {
    "Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Knuth", "Dijkstra", "Allen", "McCarthy",
    "Hamilton", "Thompson", "Ritchie", "Stroustrup", "Rossum", "Gosling", "Perlman", "Lamport", "Hoare",
    "Wirth", "Lamarr", "Johnson", "Vaughan", "Jackson", "Wilson", "Garcia", "Martinez", "Lopez", "Okafor",
    "Tanaka", "Wang", "Patel", "Haddad", "Khan", "Petrov", "Ivanova", "Mensah", "Silva", "Smith", "Brown", "Lee"};
constexpr std::array<std::string_view, 24> kCompany = {
    "Acme", "Globex", "Initech", "Umbrella", "Stark", "Wayne", "Tyrell", "Cyberdyne", "Soylent", "Hooli",
    "Vandelay", "Wonka", "Aperture", "Black Mesa", "Oscorp", "Gringotts", "Monarch", "Massive Dynamic",
    "Nakatomi", "Pied Piper", "Dunder", "Prestige", "Blue Sun", "Virtucon"};
constexpr std::array<std::string_view, 8> kSuffix = {"Inc", "LLC", "Ltd", "GmbH", "Corp", "Group", "Labs", "Systems"};
constexpr std::array<std::string_view, 48> kLorem = {
    "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod",
    "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim",
    "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea",
    "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit", "voluptate", "velit", "esse",
    "cillum", "fugiat", "nulla", "pariatur", "excepteur", "sint"};
constexpr std::array<std::string_view, 6> kDomains = {"example.com", "example.org", "example.net",
                                                      "test.example", "mail.example", "school.example"};
}  // namespace

std::span<const std::string_view> first_names() { return kFirst; }
std::span<const std::string_view> last_names() { return kLast; }
std::span<const std::string_view> company_words() { return kCompany; }
std::span<const std::string_view> company_suffixes() { return kSuffix; }
std::span<const std::string_view> lorem_words() { return kLorem; }
std::span<const std::string_view> email_domains() { return kDomains; }

}  // namespace pgcertify::datagen
