# Writes ${OUT}, pgcertify's man page: help2man over `pgcertify --help`, plus a COMMANDS
# section with each command's own --help (help2man reads only the top-level one).
set(include_file ${OUT}.h2m)
set(roff "[COMMANDS]\n")
foreach(command run init load generate "cluster up" "cluster down" "report merge" migrate "migrate up" "migrate down"
        "migrate status" "migrate validate" "migrate repair" "migrate baseline" "migrate lint" kinds)
  separate_arguments(args UNIX_COMMAND "${command} --help")
  execute_process(COMMAND ${PGCERTIFY} ${args} OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "pgcertify ${command} --help failed")
  endif()
  # Preformatted roff: backslashes escaped, lines starting with . or ' made literal.
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND roff ".SS pgcertify ${command}\n.nf\n${help}.fi\n")
endforeach()
file(WRITE ${include_file} "${roff}")
execute_process(COMMAND ${HELP2MAN} --no-info --section=1 --name "certify a PostgreSQL database against a written plan"
                        --version-string "pgcertify ${VERSION}" --include ${include_file} --output ${OUT} ${PGCERTIFY}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed")
endif()
