# cmake -DLUPDATE=… -DTS=bank-app_de.ts -DSOURCES=list-file -DWORK=dir -DSTAMP=file -P CheckTranslations.cmake
# Fails when TS does not translate exactly the texts of the sources: lupdate brings a copy up to
# date, and any entry it then marks unfinished (new or untranslated) or vanished/obsolete (gone
# from the sources) is reported. Fix with the update_translations target and Qt Linguist.
get_filename_component(name "${TS}" NAME)
file(MAKE_DIRECTORY "${WORK}")
configure_file("${TS}" "${WORK}/${name}" COPYONLY)
execute_process(COMMAND "${LUPDATE}" -silent -locations none "@${SOURCES}" -ts "${WORK}/${name}"
                RESULT_VARIABLE failed)
if(failed)
    message(FATAL_ERROR "lupdate failed on ${TS}")
endif()
file(READ "${WORK}/${name}" updated)
string(REGEX MATCHALL "type=\"unfinished\"" unfinished "${updated}")
string(REGEX MATCHALL "type=\"(vanished|obsolete)\"" obsolete "${updated}")
list(LENGTH unfinished unfinishedCount)
list(LENGTH obsolete obsoleteCount)
if(unfinishedCount GREATER 0 OR obsoleteCount GREATER 0)
    message(FATAL_ERROR "${name}: ${unfinishedCount} unfinished and ${obsoleteCount} obsolete entries. "
                        "Run the update_translations target, translate in Qt Linguist, drop what is obsolete.")
endif()
file(TOUCH "${STAMP}")
