#===- AddQNN.cmake - helpers for qnn libraries --------------------------===//
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
#===----------------------------------------------------------------------===//
#
# add_qnn_library(<name> <sources>... [DEPENDS <tablegen targets>...]
#                 [LINK_LIBS <qnn libraries>...] [NO_MLIR])
#
# Builds a shared library that links the shared libMLIR.so (unless NO_MLIR),
# installs it and adds it to the QNNTargets export set of the CMake package.
# add_mlir_library is not used on purpose: its LINK_LIBS always pick MLIR's
# static archives, and its install rules export into MLIR's own export set.

include(GNUInstallDirs)

function(add_qnn_library name)
  cmake_parse_arguments(ARG "NO_MLIR" "" "DEPENDS;LINK_LIBS" ${ARGN})
  add_library(${name} SHARED ${ARG_UNPARSED_ARGUMENTS})
  add_library(QNN::${name} ALIAS ${name})
  if(ARG_DEPENDS)
    add_dependencies(${name} ${ARG_DEPENDS})
  endif()
  target_include_directories(${name} PUBLIC
    $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  target_link_libraries(${name} PUBLIC ${ARG_LINK_LIBS})
  if(NOT ARG_NO_MLIR)
    target_link_libraries(${name} PUBLIC MLIR LLVM)
  endif()
  set_target_properties(${name} PROPERTIES VERSION ${PROJECT_VERSION})
  install(TARGETS ${name} EXPORT QNNTargets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  set_property(GLOBAL APPEND PROPERTY QNN_LIBRARIES ${name})
endfunction()

# add_qnn_tool(<name> <sources>... [LINK_LIBS <libs>...])
function(add_qnn_tool name)
  cmake_parse_arguments(ARG "" "" "LINK_LIBS" ${ARGN})
  add_executable(${name} ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name} PRIVATE ${ARG_LINK_LIBS} MLIR LLVM)
  install(TARGETS ${name} EXPORT QNNTargets RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()
