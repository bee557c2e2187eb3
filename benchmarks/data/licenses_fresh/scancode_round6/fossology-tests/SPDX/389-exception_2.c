SPDX-License-Identifier: {some license} WITH 389-exception
