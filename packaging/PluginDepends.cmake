# Read by cpack (CPACK_PROJECT_CONFIG_FILE). Qt loads its SQL drivers, icon engines and platform
# themes as plugins, which dpkg-shlibdeps cannot see: the packages holding the plugins this build
# uses become dependencies by name. The names differ between releases (Debian 13 moved the SVG
# icon engine into qt6-svg-plugins), so they are asked of dpkg rather than written down.
function(bank_plugin_packages result)
    set(packages)
    foreach(plugin IN LISTS ARGN)
        set(path ${CPACK_BANK_QT_PLUGIN_DIR}/${plugin})
        execute_process(COMMAND dpkg-query --search ${path} OUTPUT_VARIABLE owner RESULT_VARIABLE failed ERROR_QUIET)
        if(failed)
            message(FATAL_ERROR "cpack: no installed package holds the Qt plugin ${path}; scripts/install-deps.sh installs it")
        endif()
        string(REGEX REPLACE "[:,].*" "" owner "${owner}") # "libqt6sql6-sqlite:amd64: /usr/lib/..."
        list(APPEND packages ${owner})
    endforeach()
    list(JOIN packages ", " packages)
    set(${result} "${packages}" PARENT_SCOPE)
endfunction()

bank_plugin_packages(CPACK_DEBIAN_APP_PACKAGE_DEPENDS sqldrivers/libqsqlite.so iconengines/libqsvgicon.so)
bank_plugin_packages(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS platformthemes/libqgtk3.so)
bank_plugin_packages(server_plugins sqldrivers/libqsqlite.so)
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, ${server_plugins}")
bank_plugin_packages(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS sqldrivers/libqsqlpsql.so)
