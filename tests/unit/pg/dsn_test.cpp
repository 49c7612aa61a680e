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
  // A quote never closed: everything after it may be the password.
  EXPECT_EQ(mask_password("host=db password='S3CRET tail1 tail2"), "host=db password=***");
  EXPECT_EQ(mask_password_in("bad: 'S3CRET tail1 tail2", "host=db password='S3CRET tail1 tail2"), "bad: '***");
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

TEST(MaskPasswordIn, AMalformedUriQuotedBackByLibpqLosesItsPassword) {
  const std::string dsn = "postgresql://me:s3cr%ZZet@db/x";
  try {
    validate_dsn(dsn);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("s3cr"), std::string::npos) << e.what();
  }
  EXPECT_EQ(mask_password_in("invalid percent-encoded token: \"s3cr%ZZet\"", dsn), "invalid percent-encoded token: \"***\"");
}

TEST(MaskPasswordIn, EverySpellingOfThePasswordIsMasked) {
  EXPECT_EQ(mask_password_in("a p%40ss b p@ss c", "postgresql://me:p%40ss@db/x"), "a *** b *** c");
  EXPECT_EQ(mask_password_in("said 'it s' and it s", "host=db password='it s'"), "said '***' and ***");
  EXPECT_EQ(mask_password_in("x=hunter2", "postgresql://db/x?password=hunter2&sslmode=off"), "x=***");
  EXPECT_EQ(mask_password_in("nothing secret", "host=db user=me"), "nothing secret");
}

TEST(PasswordOf, ThePasswordGoesApartFromTheDsn) {
  EXPECT_EQ(password_of("postgresql://me:p%40ss@db:5433/x"), std::optional<std::string>("p@ss"));
  EXPECT_EQ(password_of("host=db user=me"), std::nullopt);
  const std::string bare = without_password("postgresql://me:p%40ss@db:5433/x");
  EXPECT_EQ(bare.find("p@ss"), std::string::npos);
  EXPECT_EQ(bare.find("password"), std::string::npos);
  EXPECT_NE(bare.find("port='5433'"), std::string::npos);
  EXPECT_NE(bare.find("user='me'"), std::string::npos);
}

TEST(Dsn, FromCommandLinePartsQuotesValuesAndKeepsAConnectionString) {
  EXPECT_EQ(dsn_from({"my db", "/tmp", "5433", "o'neil"}), "dbname='my db' host='/tmp' port='5433' user='o\\'neil'");
  EXPECT_EQ(dsn_from({"host=a dbname=b", "", "", "me"}), "host=a dbname=b user='me'");
  EXPECT_EQ(dsn_from({}), "");
  EXPECT_THROW(dsn_from({"postgresql://a/b", "h", "", ""}), Error);
}

}  // namespace
}  // namespace pgcertify::pg
