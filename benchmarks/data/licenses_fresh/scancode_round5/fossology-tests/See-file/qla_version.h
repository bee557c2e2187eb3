/*
* QLogic Fibre Channel HBA Driver
* Copyright (c) 2003-2008 QLogic Corporation
*
* See LICENSE.qla2xxx for copyright and licensing details.
*/
/*
* Driver version
*/
#define QLA2XXX_VERSION "8.03.01-k6"

#define QLA_DRIVER_MAJOR_VER  8
#define QLA_DRIVER_MINOR_VER  3
#define QLA_DRIVER_PATCH_VER  1
#define QLA_DRIVER_BETA_VER  0