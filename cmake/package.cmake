# `make package`: install rules and CPack's DEB generator -> pgcertify_<version>_amd64.deb.
# Included from the top-level CMakeLists.txt after the pgcertify target.
include(GNUInstallDirs)

find_program(HELP2MAN help2man)
find_program(GZIP gzip REQUIRED)

install(TARGETS pgcertify RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# Plans find their migrations and fixtures relative to themselves: whole folders.
install(DIRECTORY examples/ DESTINATION ${CMAKE_INSTALL_DATADIR}/pgcertify/examples)
install(FILES packaging/pgcertify.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME pgcertify)
install(FILES packaging/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Debian wants a changelog in its own format, compressed, in every package's doc folder.
string(TIMESTAMP changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
set(PGCERTIFY_MAINTAINER "pgcertify maintainers <pgcertify@example.org>" CACHE STRING "Debian Maintainer field")
file(WRITE ${PROJECT_BINARY_DIR}/packaging/changelog
  "pgcertify (${PROJECT_VERSION}) unstable; urgency=medium\n\n"
  "  * Built from the pgcertify source tree.\n\n"
  " -- ${PGCERTIFY_MAINTAINER}  ${changelog_date}\n")
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/packaging/changelog.gz
  COMMAND ${GZIP} -9nf -k ${PROJECT_BINARY_DIR}/packaging/changelog
  DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog VERBATIM)

# The man page is pgcertify's own --help, and each command's, through help2man.
set(man_page ${PROJECT_BINARY_DIR}/packaging/pgcertify.1)
if(HELP2MAN)
  add_custom_command(OUTPUT ${man_page}.gz
    COMMAND ${CMAKE_COMMAND} -DPGCERTIFY=$<TARGET_FILE:pgcertify> -DHELP2MAN=${HELP2MAN} -DVERSION=${PROJECT_VERSION}
            -DOUT=${man_page} -P ${PROJECT_SOURCE_DIR}/cmake/man_page.cmake
    COMMAND ${GZIP} -9nf ${man_page}
    DEPENDS pgcertify ${PROJECT_SOURCE_DIR}/cmake/man_page.cmake VERBATIM)
  add_custom_target(package_files DEPENDS ${man_page}.gz ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
  install(FILES ${man_page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man page (scripts/install-deps.sh installs it)")
  add_custom_target(package_files DEPENDS ${PROJECT_BINARY_DIR}/packaging/changelog.gz)
endif()
install(FILES ${PROJECT_BINARY_DIR}/packaging/changelog.gz DESTINATION ${CMAKE_INSTALL_DOCDIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pgcertify)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${PGCERTIFY_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "certify a PostgreSQL database against a written plan")
set(CPACK_PACKAGE_DESCRIPTION "pgcertify runs a YAML plan of checks (schema, constraints,
privileges, data quality, latency budgets, pgbench-compatible load)
against a real PostgreSQL database, or a throwaway one it starts
itself, and reports with evidence what holds and what does not.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)  # pgcertify_<version>_amd64.deb
set(CPACK_DEBIAN_PACKAGE_SECTION database)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # Depends from dpkg-shlibdeps: libpq5, libyaml-cpp0.7, libfmt9 …
# `run` without --dsn starts a throwaway cluster with PostgreSQL's binaries; --pgbouncer uses PgBouncer.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "postgresql-15, pgbouncer")
set(CPACK_STRIP_FILES ON)  # Debian practice: built -O2 -g, shipped stripped
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
