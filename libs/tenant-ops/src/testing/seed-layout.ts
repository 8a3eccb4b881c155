/** The seed's empresa_X_db template, verbatim (CREATE TABLE IF NOT EXISTS, server-default charset). */
export const SEED_LAYOUT = `
CREATE TABLE IF NOT EXISTS cars (id INT PRIMARY KEY AUTO_INCREMENT, brand VARCHAR(100), model VARCHAR(255), year INT, year_model INT,
  price DECIMAL(12,2), mileage INT, color VARCHAR(50), fuel_type VARCHAR(50), transmission VARCHAR(50), description TEXT,
  status ENUM('available', 'reserved', 'sold') DEFAULT 'available', created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, INDEX idx_status (status), INDEX idx_brand_model (brand, model));
CREATE TABLE IF NOT EXISTS car_images (id INT PRIMARY KEY AUTO_INCREMENT, car_id INT NOT NULL, url VARCHAR(500), ordem INT DEFAULT 0,
  is_principal BOOLEAN DEFAULT 0, FOREIGN KEY (car_id) REFERENCES cars(id) ON DELETE CASCADE, INDEX idx_car (car_id));
CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY AUTO_INCREMENT, phone VARCHAR(20) UNIQUE NOT NULL, name VARCHAR(255), email VARCHAR(255),
  cpf VARCHAR(14), notes TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX idx_phone (phone));
CREATE TABLE IF NOT EXISTS conversations (id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL,
  status ENUM('novo', 'em_andamento', 'negociando', 'fechado', 'perdido') DEFAULT 'novo', last_message TEXT, last_interaction TIMESTAMP,
  created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP, FOREIGN KEY (customer_id) REFERENCES customers(id), INDEX idx_customer (customer_id), INDEX idx_status (status));
CREATE TABLE IF NOT EXISTS mensagens (id INT PRIMARY KEY AUTO_INCREMENT, conversation_id INT NOT NULL, customer_id INT NOT NULL,
  tipo ENUM('recebida', 'enviada') NOT NULL, conteudo TEXT, timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (conversation_id) REFERENCES conversations(id), FOREIGN KEY (customer_id) REFERENCES customers(id),
  INDEX idx_conversation (conversation_id), INDEX idx_timestamp (timestamp));
CREATE TABLE IF NOT EXISTS agendamentos (id INT PRIMARY KEY AUTO_INCREMENT, customer_id INT NOT NULL, car_id INT,
  tipo ENUM('test_drive', 'visita', 'entrega') NOT NULL, data_agendada DATETIME NOT NULL,
  status ENUM('pendente', 'confirmado', 'realizado', 'cancelado') DEFAULT 'pendente', observacoes TEXT, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (customer_id) REFERENCES customers(id), FOREIGN KEY (car_id) REFERENCES cars(id), INDEX idx_data (data_agendada), INDEX idx_status (status));
CREATE TABLE vendedores (id INT PRIMARY KEY AUTO_INCREMENT, nome VARCHAR(100));
INSERT INTO cars (brand, model, year, price) VALUES ('Fiat', 'Uno', 2010, 15999.90), ('VW', 'Gol', 2015, 32000.00);
INSERT INTO customers (phone, name) VALUES ('5511988887777', 'João');
INSERT INTO conversations (customer_id, status) VALUES (1, 'negociando');
INSERT INTO mensagens (conversation_id, customer_id, tipo, conteudo) VALUES (1, 1, 'recebida', 'Tem o Gol ainda?');
INSERT INTO agendamentos (customer_id, car_id, tipo, data_agendada) VALUES (1, 2, 'test_drive', '2025-10-01 10:00:00');
INSERT INTO vendedores (nome) VALUES ('Carla');
`;
