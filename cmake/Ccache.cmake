# Uses ccache for C and C++ when it is installed: rebuilds after a clean checkout stay warm.
find_program(EDGECC_CCACHE ccache)
if(EDGECC_CCACHE)
  set(CMAKE_C_COMPILER_LAUNCHER ${EDGECC_CCACHE})
  set(CMAKE_CXX_COMPILER_LAUNCHER ${EDGECC_CCACHE})
endif()
