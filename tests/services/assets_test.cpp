// Where the till finds its data files (issue 13): $CAISSE_ASSETS, then share/caisse-commune beside an
// installed binary, then the source tree only for a binary inside its build directory.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "app/services/assets.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

namespace fs = std::filesystem;

class AssetsTest : public ::testing::Test {
protected:
    testing::TempDir dir;
    fs::path root = dir.file("");
    fs::path source_assets = root / "src" / "assets";
    fs::path build = root / "src" / "build" / "release";
    void SetUp() override {
        fs::create_directories(source_assets);
        fs::create_directories(build / "tests");
    }
};

TEST_F(AssetsTest, TheEnvironmentWinsOverEverything) {
    fs::create_directories(root / "usr" / "share" / "caisse-commune");
    EXPECT_EQ(find_assets_dir("/opt/assets", root / "usr" / "bin" / "caisse", build, source_assets), "/opt/assets");
    EXPECT_EQ(find_assets_dir("/opt/assets", build / "caisse", build, source_assets), "/opt/assets");
}

TEST_F(AssetsTest, AnInstalledBinaryReadsShareBesideItsBin) {
    const fs::path share = root / "usr" / "local" / "share" / "caisse-commune";
    fs::create_directories(share);
    EXPECT_EQ(find_assets_dir("", root / "usr" / "local" / "bin" / "caisse", build, source_assets), share);
}

TEST_F(AssetsTest, ABinaryInItsBuildDirectoryReadsTheSourceTree) {
    EXPECT_EQ(find_assets_dir("", build / "caisse", build, source_assets), source_assets);
    EXPECT_EQ(find_assets_dir("", build / "tests" / "ledger_tests", build, source_assets), source_assets);
}

TEST_F(AssetsTest, AnInstallInsideTheBuildDirectoryReadsItsOwnShare) {
    const fs::path share = build / "stage" / "share" / "caisse-commune";
    fs::create_directories(share);
    EXPECT_EQ(find_assets_dir("", build / "stage" / "bin" / "caisse", build, source_assets), share);
}

// A copy of the binary elsewhere, or an install whose share/ is gone, must not quietly read the
// source tree: it names the place its files should be, so the "missing asset" message says so.
TEST_F(AssetsTest, ABinaryOutsideTheBuildDirectoryNeverReadsTheSourceTree) {
    EXPECT_EQ(find_assets_dir("", root / "usr" / "bin" / "caisse", build, source_assets),
              root / "usr" / "share" / "caisse-commune");
    // A sibling folder whose name merely starts like the build directory is outside it.
    fs::create_directories(root / "src" / "build" / "release-old");
    EXPECT_EQ(find_assets_dir("", root / "src" / "build" / "release-old" / "caisse", build, source_assets),
              root / "src" / "build" / "share" / "caisse-commune");
}

// This test binary runs from the build directory: it reads the source tree's assets.
TEST(Assets, TheTestsReadTheSourceTreeAssets) {
    if (const char* env = std::getenv("CAISSE_ASSETS"); env && *env) GTEST_SKIP() << "CAISSE_ASSETS is set";
    EXPECT_EQ(fs::weakly_canonical(assets_dir()), fs::weakly_canonical(fs::path(CAISSE_SOURCE_DIR) / "assets"));
}

}  // namespace
}  // namespace caisse
