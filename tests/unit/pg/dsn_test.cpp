#include "pg/dsn.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace pgcertify::pg {
namespace {

TEST(MaskPassword, HidesPasswordsInUris) {
  EXPECT_EQ(mask_password("postgresql://app:s3cret@db:5432/prod"), "postgresql://app:***@db:5432/prod");
  EXPECT_EQ(mask_password("postgres://app@db/prod?sslmode=require&password=s3cret"),
            "postgres://app@db/prod?sslmode=require&password=***");
  EXPECT_EQ(mask_password("postgresql://db/prod"), "postgresql://db/prod");
}

TEST(MaskPassword, HidesPasswordsInKeywordForm) {
  EXPECT_EQ(mask_password("host=db password=s3cret dbname=x"), "host=db password=*** dbname=x");
  EXPECT_EQ(mask_password("host=db password = 'it\\'s secret' dbname=x"), "host=db password = *** dbname=x");
}

TEST(ValidateDsn, RejectsWhatLibpqCannotParseWithoutEchoingThePassword) {
  try {
    validate_dsn("host=db password=s3cret bogus_option=1");
    FAIL();
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.kind, ErrorKind::kUsage);
    EXPECT_NE(message.find("bogus_option"), std::string::npos);
    EXPECT_EQ(message.find("s3cret"), std::string::npos);
  }
}

TEST(WithDatabase, ReplacesOnlyTheDatabase) {
  const std::string dsn = with_database("host=127.0.0.1 port=5433 dbname=postgres user=me", "scratch_1");
  EXPECT_NE(dsn.find("dbname='scratch_1'"), std::string::npos);
  EXPECT_NE(dsn.find("port='5433'"), std::string::npos);
  EXPECT_EQ(dsn.find("postgres'"), std::string::npos);
}

TEST(Dsn, FromCommandLinePartsQuotesValuesAndKeepsAConnectionString) {
  EXPECT_EQ(dsn_from({"my db", "/tmp", "5433", "o'neil"}), "dbname='my db' host='/tmp' port='5433' user='o\\'neil'");
  EXPECT_EQ(dsn_from({"host=a dbname=b", "", "", "me"}), "host=a dbname=b user='me'");
  EXPECT_EQ(dsn_from({}), "");
  EXPECT_THROW(dsn_from({"postgresql://a/b", "h", "", ""}), Error);
}

}  // namespace
}  // namespace pgcertify::pg
