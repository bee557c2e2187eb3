
    This library is free software; you can redistribute it and/or
        modify it under the terms of the GNU Lesser General Public License
            version 3, or (at your option) any later version as published by
                the Free Software Foundation. *
                    This library is distributed in the hope that it will be useful, but
                        WITHOUT ANY WARRANTY; without even the implied warranty of
                            MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE. See the GNU
                                Lesser General Public License at http://www.gnu.org/licenses/lgpl-3.0.txt
                                    for more details.

