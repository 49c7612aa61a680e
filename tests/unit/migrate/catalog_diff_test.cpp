// diff_catalogs on hand-built snapshots: every part the catalog reads is compared, so a down that
// forgets an enum label, a grant or a comment is a difference, not a silent pass.

#include <gtest/gtest.h>

#include "migrate/catalog_diff.hpp"

namespace pgcertify::migrate {
namespace {

catalog::Column column(std::string name, std::string type) {
  catalog::Column c;
  c.name = std::move(name);
  c.type = std::move(type);
  return c;
}

catalog::Catalog base() {
  catalog::Catalog c;
  catalog::Namespace app;
  app.name = "app";
  app.owner = "owner";
  c.namespaces.push_back(app);
  catalog::Relation t;
  t.name = {"app", "accounts"};
  t.owner = "owner";
  t.persistence = "permanent";
  t.columns.push_back(column("id", "integer"));
  t.columns.push_back(column("name", "text"));
  c.relations.push_back(t);
  catalog::EnumType status;
  status.name = {"app", "status"};
  status.labels = {"todo", "done"};
  status.owner = "owner";
  c.enums.push_back(status);
  catalog::Domain money;
  money.name = {"app", "money"};
  money.type = "numeric";
  money.checks = {"positive: CHECK ((VALUE > 0))"};
  c.domains.push_back(money);
  catalog::Role reader;
  reader.name = "reader";
  c.roles.push_back(reader);
  return c;
}

std::string only_difference(const catalog::Catalog& after) {
  const auto differences = diff_catalogs(base(), after);
  if (differences.size() != 1) return "differences: " + std::to_string(differences.size());
  return differences[0];
}

TEST(CatalogDiff, TheSameSnapshotHasNoDifference) { EXPECT_TRUE(diff_catalogs(base(), base()).empty()); }

TEST(CatalogDiff, EnumLabelsDomainsAndSchemasAreCompared) {
  auto c = base();
  c.enums[0].labels.push_back("archived");
  EXPECT_EQ(only_difference(c), "enum app.status changed: (todo, done) owner owner -> (todo, done, archived) owner owner");
  c = base();
  c.domains[0].checks.clear();
  EXPECT_NE(only_difference(c).find("domain app.money changed"), std::string::npos);
  c = base();
  c.namespaces[0].comment = "the app";
  EXPECT_EQ(only_difference(c), "schema app changed: owner owner -> owner owner comment 'the app'");
  c = base();
  c.enums.clear();
  EXPECT_EQ(only_difference(c), "enum app.status is gone ((todo, done) owner owner)");
}

TEST(CatalogDiff, GrantsCommentsAndColumnOrderAreCompared) {
  auto c = base();
  c.relations[0].grants["reader"] = {"SELECT"};
  EXPECT_NE(only_difference(c).find("-> permanent owner owner grants reader: SELECT"), std::string::npos)
      << only_difference(c);
  c = base();
  c.relations[0].columns[1].comment = "display name";
  EXPECT_EQ(only_difference(c), "column app.accounts.name changed: #2 text -> #2 text comment 'display name'");
  c = base();
  c.relations[0].columns[0].grants["reader"] = {"UPDATE"};
  EXPECT_NE(only_difference(c).find("column app.accounts.id changed"), std::string::npos);
  // A column dropped and added back at the end: same columns, another order.
  c = base();
  std::swap(c.relations[0].columns[0], c.relations[0].columns[1]);
  EXPECT_EQ(diff_catalogs(base(), c).size(), 2u);
}

TEST(CatalogDiff, RoleAttributesAreCompared) {
  auto c = base();
  c.roles[0].create_db = true;
  EXPECT_EQ(only_difference(c), "role reader changed: nologin -> nologin createdb");
}

}  // namespace
}  // namespace pgcertify::migrate
